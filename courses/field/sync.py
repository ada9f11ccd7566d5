"""One upload: a batch of changes from a device, each answered by its UUID.

Changes already applied (found by UUID in ``AppliedChange``) are answered again
without changing anything, so a batch sent twice changes nothing the second time.
The others are applied in an order that lets a change refer to a record created
earlier in the same batch: new sessions, then new participants, then marks, scores
and notes. Each change (marks and scores: each session's) commits on its own, so a
bad record never takes the good ones down with it. Applying a change again is
harmless: a mark or score already saved is left as it is, and a session or
participant created already is found again by its natural key. So a batch cut off
half-way, before its ``AppliedChange`` rows were written, is finished by sending it
again.
"""

import uuid
from collections import defaultdict

from django.utils.translation import gettext as _

from courses.field import changes as apply
from courses.field.models import AppliedChange, SyncRecord
from courses.training.models import Enrolment, TrainingSession
from pdo_site import roles

ORDER = ("session", "participant", "attendance", "score", "note")


class Batch:
    def __init__(self, token):
        self.token, self.user = token, token.user
        self.outcomes = {}
        self.created = {}  # UUID of a change -> id of the session or enrolment it made
        self.session_ids = set()  # for the audit trail
        self.applied = []

    def resolve(self, refs, kind):
        """{ref: id} for the refs of records of ``kind`` created by earlier changes."""
        wanted = {ref for ref in refs if isinstance(ref, uuid.UUID)}
        found = {ref: self.created[ref] for ref in wanted if ref in self.created}
        rest = wanted - set(found)
        if rest:
            found.update(
                AppliedChange.objects.filter(
                    uuid__in=rest, kind=kind, token__user=self.user
                ).values_list("uuid", "object_id")
            )
        return {ref: (found.get(ref) if isinstance(ref, uuid.UUID) else ref) for ref in refs}

    def visible_sessions(self, refs):
        ids = self.resolve(refs, "session")
        visible = set(
            TrainingSession.objects.for_user(self.user)
            .filter(pk__in={pk for pk in ids.values() if pk})
            .values_list("pk", flat=True)
        )
        return {ref: pk for ref, pk in ids.items() if pk in visible}

    def visible_enrolments(self, refs):
        """{ref: (enrolment id, session id)} of enrolments in sessions the user sees."""
        ids = self.resolve(refs, "participant")
        rows = Enrolment.objects.filter(
            pk__in={pk for pk in ids.values() if pk},
            session__in=TrainingSession.objects.for_user(self.user),
        ).values_list("pk", "session_id")
        sessions = dict(rows)
        return {ref: (pk, sessions[pk]) for ref, pk in ids.items() if pk in sessions}

    def done(self, change, outcome):
        self.outcomes[change.uuid] = outcome
        if outcome.status == "applied":
            if change.kind in ("session", "participant"):
                self.created[change.uuid] = outcome.object_id
            self.applied.append(
                AppliedChange(
                    uuid=change.uuid,
                    token=self.token,
                    kind=change.kind,
                    object_id=outcome.object_id,
                )
            )

    def remember_applied(self):
        # ignore_conflicts: the same batch sent twice at once, the first one recorded it.
        AppliedChange.objects.bulk_create(self.applied, ignore_conflicts=True)

    def apply_records(self, fresh):
        for change in fresh["session"]:
            outcome = apply.apply_session(self.user, change)
            self.done(change, outcome)
            if outcome.object_id:
                self.session_ids.add(outcome.object_id)
        sessions = self.visible_sessions([c.session for c in fresh["participant"]])
        by_session = defaultdict(list)
        for change in fresh["participant"]:
            session_id = sessions.get(change.session)
            if session_id is None:
                self.done(change, apply.not_found())
            else:
                by_session[session_id].append(change)
        self.session_ids.update(by_session)
        for session_id, added in by_session.items():
            outcomes = apply.apply_participants(self.user, session_id, added)
            for change in added:
                self.done(change, outcomes[change.uuid])

    def apply_cells(self, cells):
        if cells and not roles.may_record_attendance(self.user):
            for change in cells:
                self.done(change, apply.refused(_("You may not record attendance.")))
            return
        enrolments = self.visible_enrolments([c.enrolment for c in cells])
        by_session, enrolment_ids = defaultdict(list), {}
        for change in cells:
            found = enrolments.get(change.enrolment)
            if found is None:
                self.done(change, apply.not_found())
                continue
            enrolment_ids[change.uuid] = found[0]
            by_session[found[1]].append(change)
        self.session_ids.update(by_session)
        for session_id, session_changes in by_session.items():
            outcomes = apply.apply_cells(session_id, session_changes, enrolment_ids)
            for change in session_changes:
                self.done(change, outcomes[change.uuid])

    def apply_notes(self, notes):
        sessions = self.visible_sessions([c.session for c in notes])
        for change in notes:
            session_id = sessions.get(change.session)
            self.session_ids.add(session_id)
            outcome = apply.apply_note(self.user, session_id, change) if session_id else None
            self.done(change, outcome or apply.not_found())


def replayed_outcomes(token, changes):
    """{uuid: Outcome} of the changes this user's devices sent and had applied before."""
    stored = AppliedChange.objects.filter(uuid__in={c.uuid for c in changes}).select_related(
        "token"
    )
    outcomes = {}
    for record in stored:
        if record.token.user_id != token.user_id:
            outcomes[record.uuid] = apply.refused(_("This change UUID was used by someone else."))
        else:
            outcomes[record.uuid] = apply.Outcome(
                "applied", object_id=record.object_id, replayed=True
            )
    return outcomes


def upload(token, changes):
    """Apply a batch of changes from ``token``'s device; the outcome of each, by UUID."""
    batch = Batch(token)
    replayed = replayed_outcomes(token, changes)
    fresh, seen = defaultdict(list), set()
    for change in changes:
        if change.uuid not in replayed and change.uuid not in seen:
            seen.add(change.uuid)
            fresh[change.kind].append(change)
    batch.apply_records(fresh)
    batch.apply_cells(fresh["attendance"] + fresh["score"])
    batch.apply_notes(fresh["note"])
    batch.remember_applied()
    outcomes, answered = [], set()
    for change in changes:
        if change.uuid in replayed:
            outcome = replayed[change.uuid]
        elif change.uuid in answered:  # sent twice in one batch
            outcome = apply.Outcome(**{**batch.outcomes[change.uuid].__dict__, "replayed": True})
        else:
            outcome = batch.outcomes[change.uuid]
        answered.add(change.uuid)
        outcomes.append(outcome.as_dict(change.uuid))
    return audit(token, outcomes, batch)


def audit(token, outcomes, batch):
    counts = defaultdict(int)
    for outcome in outcomes:
        counts["replayed" if outcome["replayed"] else outcome["status"]] += 1
    session_ids = sorted(pk for pk in batch.session_ids if pk)
    SyncRecord.objects.create(
        token=token,
        user=token.user,
        action=SyncRecord.Action.UPLOAD,
        session_ids=session_ids,
        changes=len(outcomes),
        applied=counts["applied"],
        replayed=counts["replayed"],
        conflicts=counts["conflict"],
        refused=counts["refused"],
    )
    return {
        "applied": counts["applied"] + counts["replayed"],
        "conflicts": counts["conflict"],
        "refused": counts["refused"],
        "outcomes": outcomes,
    }
