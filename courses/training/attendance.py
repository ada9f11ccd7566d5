"""Recording attendance: the sheet's rows and cells, saved cell by cell.

The sheet is often saved long after it was opened (poor connections, printed sheets
typed in later) and by two trainers at once. So a save changes only what it was
sent, and only where the trainer changed something: each cell carries the value it
was based on (the ``base`` field). A cell that someone else changed since is not
overwritten but reported as a conflict, with both values. Saving takes a fixed number
of queries whatever the number of rows, and saves of one sheet wait for each other
(the session row is locked), so none fails and none is lost.
"""

import json
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.training import summaries
from courses.training.models import (
    Attendance,
    Enrolment,
    Participant,
    SessionDay,
    TrainingSession,
)

STATUSES = {choice for choice, _label in Attendance.Status.choices}
LABELS = dict(Attendance.Status.choices)


@dataclass
class Cell:
    day: SessionDay
    value: str  # what the sheet shows (and sends)
    base: str  # what it was based on
    theirs: str | None = None  # someone else's value, when the trainer's could not be saved

    @property
    def theirs_label(self):
        return LABELS.get(self.theirs, "–")


@dataclass
class Score:
    value: str
    base: str
    theirs: str | None = None


@dataclass
class SheetRow:
    enrolment: Enrolment
    cells: list
    pre: Score
    post: Score
    errors: list = field(default_factory=list)

    @property
    def score_fields(self):
        """(field name, score, label) of the two test scores, for templates."""
        number = self.enrolment.number
        return [
            ("pre", self.pre, _("Row %(number)s, pre-test score") % {"number": number}),
            ("post", self.post, _("Row %(number)s, post-test score") % {"number": number}),
        ]

    @property
    def has_conflict(self):
        return any(cell.theirs is not None for cell in self.cells) or any(
            score.theirs is not None for score in (self.pre, self.post)
        )


@dataclass
class Sheet:
    days: list
    rows: list

    def base_json(self):
        """The values the sheet was based on, for the hidden ``base`` field."""
        return json.dumps(
            {
                "marks": {
                    f"{row.enrolment.number}-{cell.day.pk}": cell.base
                    for row in self.rows
                    for cell in row.cells
                },
                "scores": {
                    str(row.enrolment.number): [row.pre.base, row.post.base] for row in self.rows
                },
            },
            separators=(",", ":"),
        )

    @property
    def conflicts(self):
        return sum(
            1
            for row in self.rows
            for item in (*row.cells, row.pre, row.post)
            if item.theirs is not None
        )


def score_text(value):
    return "" if value is None else str(value)


def build_sheet(session):
    """Rows in the order and numbering of the printed sheet, with the saved marks."""
    days = list(session.days.order_by("date", "start_time"))
    enrolments = list(session.enrolments.select_related("participant").order_by("number"))
    saved = {
        (participant, day): status
        for participant, day, status in Attendance.objects.filter(day__session=session).values_list(
            "participant_id", "day_id", "status"
        )
    }
    rows = []
    for enrolment in enrolments:
        cells = []
        for day in days:
            status = saved.get((enrolment.participant_id, day.pk), "")
            cells.append(Cell(day=day, value=status, base=status))
        pre, post = score_text(enrolment.pre_test_score), score_text(enrolment.post_test_score)
        rows.append(SheetRow(enrolment, cells, Score(pre, pre), Score(post, post)))
    return Sheet(days, rows)


def read_sheet(session, data, mark_all_present=False):
    """The sheet as submitted, over the saved one: only cells and scores sent change.

    A cell missing from ``data`` (a row added after the sheet was opened, a cut-off
    request) keeps its saved value. With ``mark_all_present`` every cell still unmarked
    becomes "present"; a mark already made is never overwritten by it.
    """
    sheet = build_sheet(session)
    try:
        base = json.loads(data.get("base") or "{}")
    except ValueError:
        base = {}
    base_marks, base_scores = base.get("marks") or {}, base.get("scores") or {}
    for row in sheet.rows:
        number = row.enrolment.number
        for cell in row.cells:
            key = f"{number}-{cell.day.pk}"
            if f"mark-{key}" in data:
                value = data.get(f"mark-{key}")
                cell.value = value if value in STATUSES else ""
                # Without a base (an old form), the sheet was based on what is saved.
                cell.base = str(base_marks.get(key, cell.base))
            if mark_all_present and not cell.value:
                cell.value = Attendance.Status.PRESENT
        scores = base_scores.get(str(number))
        for position, (name, score) in enumerate((("pre", row.pre), ("post", row.post))):
            if f"{name}-{number}" in data:
                score.value = data.get(f"{name}-{number}", "").strip()
                if isinstance(scores, list) and len(scores) == 2:
                    score.base = str(scores[position])
        for name, score in (("pre", row.pre), ("post", row.post)):
            error = score_error(name, score.value)
            if error:
                row.errors.append(error)
    return sheet


def score_error(test, value):
    """Why ``value`` (text) cannot be the ``test`` ("pre" or "post") score, or None."""
    if value and not (value.isdigit() and 0 <= int(value) <= 100):
        label = _("Pre-test") if test == "pre" else _("Post-test")
        return _("%(test)s score must be a whole number from 0 to 100.") % {"test": label}
    return None


@dataclass
class SaveResult:
    changed_marks: int = 0
    changed_scores: int = 0
    conflicts: int = 0


def save_sheet(session, sheet, mark_all_present=False):
    """Save what the trainer changed; report what someone else changed meanwhile.

    A cell is the trainer's change when its value differs from its base. It is saved
    when the database still holds the base; when the database holds something else,
    the cell is a conflict (``cell.theirs``) and keeps the trainer's value on screen.
    Cells filled by "mark all present" never overwrite a mark made meanwhile.
    """
    result = SaveResult()
    with transaction.atomic():
        # Saves of one sheet wait here for each other, so each sees the other's marks.
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        current = {
            (participant, day): (pk, status)
            for pk, participant, day, status in Attendance.objects.filter(
                day__session=session
            ).values_list("pk", "participant_id", "day_id", "status")
        }
        enrolments = {
            e.number: e
            for e in Enrolment.objects.filter(session=session).only(
                "pk", "number", "participant_id", "pre_test_score", "post_test_score"
            )
        }
        marks, scored = {}, []
        for row in sheet.rows:
            enrolment = enrolments.get(row.enrolment.number)
            if enrolment is None:  # removed from the session meanwhile
                continue
            for cell in row.cells:
                if cell.value == cell.base:
                    continue
                now = current.get((enrolment.participant_id, cell.day.pk), (None, ""))[1]
                if now == cell.value:
                    continue
                if now != cell.base:
                    if mark_all_present and not cell.base:
                        continue  # marked meanwhile: "mark all present" fills only gaps
                    cell.theirs = now
                    result.conflicts += 1
                    continue
                marks[(enrolment.participant_id, cell.day.pk)] = cell.value
            if _apply_scores(row, enrolment, result):
                scored.append(enrolment)
        result.changed_marks, result.changed_scores = len(marks), len(scored)
        _write_marks(locked, marks, current)
        if scored:
            Enrolment.objects.bulk_update(scored, ["pre_test_score", "post_test_score"])
            summaries.sessions_changed([session.pk])
    return result


def _apply_scores(row, enrolment, result):
    """Apply the row's score changes to ``enrolment`` (unsaved); True if it changed."""
    changed = False
    for score, attribute in ((row.pre, "pre_test_score"), (row.post, "post_test_score")):
        if score.value == score.base:
            continue
        now = score_text(getattr(enrolment, attribute))
        if now == score.value:
            continue
        if now != score.base:
            score.theirs = now
            result.conflicts += 1
            continue
        setattr(enrolment, attribute, int(score.value) if score.value else None)
        changed = True
    return changed


def _write_marks(session, marks, current):
    """Write {(participant id, day id): status or ""} in a few bulk statements."""
    if not marks:
        return
    to_delete, to_update, to_create = [], [], []
    for (participant_id, day_id), status in marks.items():
        existing = current.get((participant_id, day_id))
        if not status:
            if existing is not None:
                to_delete.append(existing[0])
        elif existing is None:
            to_create.append(
                Attendance(day_id=day_id, participant_id=participant_id, status=status)
            )
        else:
            to_update.append(Attendance(pk=existing[0], status=status))
    if to_delete:
        Attendance.objects.filter(pk__in=to_delete).delete()
    if to_update:
        Attendance.objects.bulk_update(to_update, ["status"])
    if to_create:
        Attendance.objects.bulk_create(to_create)
    session.record_curriculum_revision()
    summaries.attendance_recorded(session, {participant for participant, _day in marks})


def record_marks(session, marks):
    """Set attendance marks of ``session`` as given: {(participant id, day id): status},
    where an empty status removes the mark (for code and tests; the sheet uses
    ``save_sheet``). Keeps the report summaries current."""
    with transaction.atomic():
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        current = {
            (participant, day): (pk, status)
            for pk, participant, day, status in Attendance.objects.filter(
                day__session=session
            ).values_list("pk", "participant_id", "day_id", "status")
        }
        changed = {
            key: status
            for key, status in marks.items()
            if current.get(key, (None, ""))[1] != (status or "")
        }
        _write_marks(locked, changed, current)
    return set(changed)


def enrol(session, participant, track=None, *, refresh_summary=True):
    """Add a participant to a session at the next row number (idempotent).

    ``refresh_summary=False`` leaves the session's summary to the caller (an import
    enrolling many refreshes it once).
    """
    with transaction.atomic():
        # Two trainers adding people at once must not take the same row number.
        TrainingSession.objects.select_for_update().filter(pk=session.pk).first()
        enrolment = Enrolment.objects.filter(session=session, participant=participant).first()
        if enrolment is not None:
            if track and enrolment.track != track:
                enrolment.track = track
                enrolment.save(update_fields=["track"])
            return enrolment, False
        last = session.enrolments.aggregate(last=Max("number"))["last"] or 0
        if not track:
            reference = session.first_day or timezone.localdate()
            track = Enrolment.track_for_age(reference.year - participant.year_of_birth)
        enrolment = Enrolment.objects.create(
            session=session, participant=participant, number=last + 1, track=track
        )
        if refresh_summary:
            summaries.sessions_changed([session.pk])
        return enrolment, True


def enrol_registered(session, user, reference):
    """Put the participant registered at the session's location with case reference
    ``reference`` on its sheet: (enrolment, created), or (None, False) when ``user``
    sees no such participant there."""
    participant = (
        Participant.objects.for_user(user)
        .filter(case_reference=reference.strip().upper(), location=session.location_id)
        .first()
    )
    if participant is None:
        return None, False
    return enrol(session, participant)


def sheet_with_conflicts(session, submitted):
    """The sheet as saved now, with the trainer's values kept where they conflicted.

    Its base is what is saved now, so saving it again keeps the trainer's values: a
    deliberate choice, made after seeing both.
    """
    fresh = build_sheet(session)
    cells = {
        (row.enrolment.number, cell.day.pk): cell
        for row in submitted.rows
        for cell in row.cells
        if cell.theirs is not None
    }
    scores = {
        (row.enrolment.number, name): score
        for row in submitted.rows
        for name, score in (("pre", row.pre), ("post", row.post))
        if score.theirs is not None
    }
    for row in fresh.rows:
        for cell in row.cells:
            conflict = cells.get((row.enrolment.number, cell.day.pk))
            if conflict is not None:
                cell.value, cell.theirs = conflict.value, cell.base
        for name, score in (("pre", row.pre), ("post", row.post)):
            conflict = scores.get((row.enrolment.number, name))
            if conflict is not None:
                score.value, score.theirs = conflict.value, score.base
    return fresh
