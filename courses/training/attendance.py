"""Recording attendance: the sheet's rows and cells, validated and saved in one go."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.training import summaries
from courses.training.models import Attendance, Enrolment

STATUSES = {choice for choice, _label in Attendance.Status.choices}


@dataclass
class SheetRow:
    enrolment: Enrolment
    marks: dict  # day id -> status ("" when unmarked)
    pre: str = ""
    post: str = ""
    errors: list = field(default_factory=list)
    cells: list = field(default_factory=list)  # [(day, status)] in day order, for templates


def _with_cells(days, rows):
    for row in rows:
        row.cells = [(day, row.marks[day.pk]) for day in days]
    return days, rows


def build_sheet(session):
    """Rows in the order and numbering of the printed sheet, with the saved marks."""
    days = session.ordered_days
    enrolments = list(session.enrolments.select_related("participant").order_by("number"))
    saved = {
        (mark.participant_id, mark.day_id): mark.status
        for mark in Attendance.objects.filter(day__session=session)
    }
    rows = [
        SheetRow(
            enrolment=enrolment,
            marks={day.pk: saved.get((enrolment.participant_id, day.pk), "") for day in days},
            pre="" if enrolment.pre_test_score is None else str(enrolment.pre_test_score),
            post="" if enrolment.post_test_score is None else str(enrolment.post_test_score),
        )
        for enrolment in enrolments
    ]
    return _with_cells(days, rows)


def read_sheet(session, data, mark_all_present=False):
    """The sheet as submitted; unmarked cells become "present" with ``mark_all_present``.

    Only what was sent changes: a cell or score missing from ``data`` (a row added
    after the sheet was opened, a cut-off request) keeps its saved value. Marks
    already made are never overwritten by "mark all present".
    """
    days, rows = build_sheet(session)
    for row in rows:
        number = row.enrolment.number
        for day in days:
            key = f"mark-{number}-{day.pk}"
            value = data.get(key, row.marks[day.pk])
            if value not in STATUSES:
                value = ""
            if not value and mark_all_present:
                value = Attendance.Status.PRESENT
            row.marks[day.pk] = value
        row.pre = data.get(f"pre-{number}", row.pre).strip()
        row.post = data.get(f"post-{number}", row.post).strip()
        for label, value in ((_("Pre-test"), row.pre), (_("Post-test"), row.post)):
            if value and not (value.isdigit() and 0 <= int(value) <= 100):
                row.errors.append(
                    _("%(test)s score must be a whole number from 0 to 100.") % {"test": label}
                )
    return _with_cells(days, rows)


def save_sheet(session, days, rows):
    """Save every mark and score of a valid sheet, all or nothing."""
    marks = {
        (row.enrolment.participant_id, day.pk): row.marks[day.pk] for row in rows for day in days
    }
    with transaction.atomic():
        record_marks(session, marks)
        changed_scores = False
        for row in rows:
            pre = int(row.pre) if row.pre else None
            post = int(row.post) if row.post else None
            enrolment = row.enrolment
            if (enrolment.pre_test_score, enrolment.post_test_score) != (pre, post):
                enrolment.pre_test_score, enrolment.post_test_score = pre, post
                enrolment.save(update_fields=["pre_test_score", "post_test_score"])
                changed_scores = True
        if changed_scores:
            summaries.sessions_changed([session.pk])


def record_marks(session, marks):
    """Set attendance marks of ``session``: {(participant id, day id): status}, where an
    empty status removes the mark. Keeps the report summaries current and, once the
    first day has come, records the curriculum version taught."""
    saved = {
        (mark.participant_id, mark.day_id): mark
        for mark in Attendance.objects.filter(day__session=session)
    }
    changed = set()
    with transaction.atomic():
        for (participant_id, day_id), status in marks.items():
            existing = saved.get((participant_id, day_id))
            if not status:
                if existing is not None:
                    existing.delete()
                    changed.add(participant_id)
            elif existing is None:
                Attendance.objects.create(
                    day_id=day_id, participant_id=participant_id, status=status
                )
                changed.add(participant_id)
            elif existing.status != status:
                existing.status = status
                existing.save(update_fields=["status"])
                changed.add(participant_id)
        if changed:
            session.record_curriculum_revision()
            summaries.attendance_recorded(session, changed)
    return changed


def enrol(session, participant, track=None, *, refresh_summary=True):
    """Add a participant to a session at the next row number (idempotent).

    ``refresh_summary=False`` leaves the session's summary to the caller (an import
    enrolling many refreshes it once).
    """
    with transaction.atomic():
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
