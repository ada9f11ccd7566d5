"""Applying one kind of change with training's own rules.

Marks and scores go through ``attendance.save_sheet`` (cell-level conflicts, the
session lock); participants through the case-list import's ``validate`` and
``apply`` (case-reference rules, one participant per case reference) and
``attendance.enrol``; sessions through ``planning.open_session`` (one session per
location, curriculum and first day). Nothing here decides what a valid record is.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from courses.curricula.choices import Destination
from courses.curricula.models import CurriculumPage
from courses.field.versions import version_of, versioned
from courses.training import imports, summaries
from courses.training.attendance import STATUSES, build_sheet, enrol, save_sheet, score_error
from courses.training.models import Enrolment, Location, Participant, TrainingSession
from courses.training.planning import PlannedDay, open_session
from pdo_site import roles

# The base of a cell whose device version is out of date: equal to no saved value, so
# save_sheet reports a conflict unless the device's value is already the saved one.
STALE = "\x00stale"


@dataclass
class Outcome:
    status: str  # applied, conflict or refused
    object_id: int | None = None
    reason: str = ""
    server: dict | None = None
    replayed: bool = False

    def as_dict(self, uuid):
        return {"uuid": uuid, **self.__dict__}


def refused(reason):
    return Outcome("refused", reason=str(reason))


def not_found():
    return refused(_("Not found, or not one of your locations."))


def based_on(version, saved):
    return saved if version == version_of(saved) else STALE


def apply_cells(session_id, changes, enrolment_ids):
    """Marks and scores of one session: {uuid: Outcome}. ``enrolment_ids`` maps each
    change's UUID to the enrolment id it concerns (already scoped)."""
    outcomes, pending = {}, list(changes)
    with transaction.atomic():
        # Hold the session while versions are compared, so none changes in between.
        session = TrainingSession.objects.select_for_update().get(pk=session_id)
        while pending:
            # Two changes of one cell in a batch are applied one after the other.
            sheet = build_sheet(session)
            rows = {row.enrolment.pk: row for row in sheet.rows}
            targets, taken, later = [], set(), []
            for change in pending:
                row = rows.get(enrolment_ids[change.uuid])
                item, key, outcome = _target(change, row)
                if outcome is not None:
                    outcomes[change.uuid] = outcome
                elif key in taken:
                    later.append(change)
                else:
                    taken.add(key)
                    targets.append((change, item))
            if targets:
                save_sheet(session, sheet)
            for change, item in targets:
                if item.theirs is not None:
                    outcomes[change.uuid] = Outcome("conflict", server=versioned(item.theirs))
                else:
                    applied = Outcome("applied", object_id=enrolment_ids[change.uuid])
                    outcomes[change.uuid] = applied
            pending = later
    return outcomes


def _target(change, row):
    """(sheet item set to the change, its key, None) or (None, None, refusal)."""
    if row is None:
        return None, None, not_found()
    if change.kind == "attendance":
        cell = next((c for c in row.cells if change.day in (c.day.pk, c.day.date)), None)
        if cell is None:
            return None, None, refused(_("This session has no such day."))
        if change.status and change.status not in STATUSES:
            reason = _("Unknown attendance mark “%(value)s”.") % {"value": change.status}
            return None, None, refused(reason)
        cell.base, cell.value = based_on(change.version, cell.base), change.status
        return cell, (row.enrolment.pk, cell.day.pk), None
    value = change.value.strip()
    error = score_error(change.test, value)
    if error:
        return None, None, refused(error)
    score = row.pre if change.test == "pre" else row.post
    score.base, score.value = based_on(change.version, score.base), value
    return score, (row.enrolment.pk, change.test), None


PARTICIPANT_VALUES = (
    "case_reference",
    "sex",
    "year_of_birth",
    "nationality",
    "household",
    "preferred_language",
    "track",
    "name",
)


def apply_participants(user, session_id, changes):
    """Participants added on devices to one session: {uuid: Outcome}. Validated as the
    rows of a case list, created once per case reference, put on the sheet once."""
    if not roles.may_import_participants(user):
        return {change.uuid: refused(_("You may not add participants.")) for change in changes}
    outcomes, first = {}, {}
    for change in changes:
        first.setdefault(change.case_reference.strip().upper(), change)
    for change in changes:
        if first[change.case_reference.strip().upper()] is not change:
            # The import's "same case reference is on row N" means nothing on a phone.
            outcomes[change.uuid] = refused(
                _("This case reference is already added by change %(uuid)s of this batch.")
                % {"uuid": first[change.case_reference.strip().upper()].uuid}
            )
    changes = [change for change in changes if change.uuid not in outcomes]
    rows = [
        imports.ImportRow(
            line=line,
            values={name: getattr(change, name).strip() for name in PARTICIPANT_VALUES},
        )
        for line, change in enumerate(changes, start=1)
    ]
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session_id)
        imports.validate(rows, session, user)
        good = []
        for change, row in zip(changes, rows, strict=True):
            if row.errors:
                outcomes[change.uuid] = refused(" ".join(str(error) for error in row.errors))
            else:
                good.append(row)
        new = [row for row in good if row.participant_id is None]
        if new:
            imports.apply(new, session)
        # Added on another device first (or registered already): the same person, put
        # on the sheet once; their saved details are not overwritten.
        registered = Participant.objects.in_bulk(
            [row.participant_id for row in good if row.participant_id is not None]
        )
        for row in good:
            if row.participant_id is not None:
                track = row.values.get("track") or None
                enrol(session, registered[row.participant_id], track, refresh_summary=False)
        if len(new) < len(good):
            summaries.sessions_changed([session.pk])
        enrolments = dict(
            Enrolment.objects.filter(
                session=session,
                participant__case_reference__in=[row.values["case_reference"] for row in good],
            ).values_list("participant__case_reference", "pk")
        )
    for change, row in zip(changes, rows, strict=True):
        if change.uuid not in outcomes:
            reference = row.values["case_reference"]
            outcomes[change.uuid] = Outcome("applied", object_id=enrolments[reference])
    return outcomes


def _planned_days(change):
    dates = [day.date for day in change.days]
    if len(set(dates)) != len(dates):
        return None, _("Two days of the session have the same date.")
    if any(day.end_time <= day.start_time for day in change.days):
        return None, _("A session day must end after it starts.")
    return [PlannedDay(day.date, day.start_time, day.end_time) for day in change.days], None


def apply_session(user, change):
    """A session opened on the device: the existing one when another device (or the
    admin) opened it first."""
    if not user.has_perm("training.add_trainingsession"):
        return refused(_("You may not add training sessions."))
    location = Location.objects.for_user(user).filter(pk=change.location).first()
    curriculum = CurriculumPage.objects.filter(pk=change.curriculum, alias_of__isnull=True).first()
    if location is None or curriculum is None:
        return not_found()
    if change.delivery_language not in dict(settings.LANGUAGES):
        return refused(_("Unknown language code “%(code)s”.") % {"code": change.delivery_language})
    if change.destination not in Destination.values:
        return refused(_("Unknown destination “%(value)s”.") % {"value": change.destination})
    days, error = _planned_days(change)
    if error:
        return refused(error)
    session, _created = open_session(
        location,
        curriculum,
        days,
        trainer=user,
        delivery_language=change.delivery_language,
        destination=change.destination,
    )
    return Outcome("applied", object_id=session.pk)


def apply_note(user, session_id, change):
    """The session's notes, replaced when the device saw the saved ones."""
    if not user.has_perm("training.change_trainingsession"):
        return refused(_("You may not change training sessions."))
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session_id)
        if change.text != session.notes and change.version != version_of(session.notes):
            return Outcome("conflict", server=versioned(session.notes))
        TrainingSession.objects.filter(pk=session.pk).update(notes=change.text)
    return Outcome("applied", object_id=session.pk)
