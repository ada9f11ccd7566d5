"""Training figures: the summary tables behind the reports, and the live computation
they must always equal.

Changes reach the summaries through ``mark_changed`` (called from signal handlers in
courses/signals.py). Inside ``deferred_summaries()`` the refreshes are collected and
run once at the end, so saving a whole attendance sheet refreshes each participant
once, not once per mark.
"""

import contextlib
import datetime
import threading
from collections import Counter
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum

from courses.models import (
    Attendance,
    Enrolment,
    SessionDay,
    SessionSummary,
    TrainedCount,
    TrainedParticipant,
    TrainingSession,
)
from courses.models.reporting import age_group

ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.LATE)
DIMENSIONS = ("quarter", "destination", "location_id", "sex", "age_group", "nationality")

_state = threading.local()


def quarter_start(date):
    return datetime.date(date.year, 3 * ((date.month - 1) // 3) + 1, 1)


def quarter_label(date):
    return f"{date.year} Q{(date.month - 1) // 3 + 1}"


@contextlib.contextmanager
def deferred_summaries():
    """Refresh the summaries once, when the outermost block ends."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    _state.pending = {"pairs": set(), "sessions": set()}
    try:
        yield
        pending = _state.pending
    finally:
        _state.pending = None
    refresh(pending["pairs"], pending["sessions"])


@contextlib.contextmanager
def summaries_rebuilt_after():
    """For bulk loads: skip the per-change refreshes and rebuild everything once at the end."""
    previous = getattr(_state, "pending", None)
    _state.pending = SUSPENDED
    try:
        yield
    finally:
        _state.pending = previous
    rebuild_summaries()


SUSPENDED = object()


def mark_changed(pairs=(), sessions=()):
    """Note (participant id, curriculum id) pairs and session ids whose figures changed."""
    pending = getattr(_state, "pending", None)
    if pending is SUSPENDED:
        return
    if pending is not None:
        pending["pairs"].update(pairs)
        pending["sessions"].update(sessions)
    else:
        refresh(set(pairs), set(sessions))


def refresh(pairs, sessions):
    with transaction.atomic():
        for participant_id, curriculum_id in pairs:
            refresh_trained(participant_id, curriculum_id)
        for session_id in sessions:
            refresh_session_summary(session_id)


def _adjust_count(dimensions, delta):
    updated = TrainedCount.objects.filter(**dimensions).update(count=F("count") + delta)
    if not updated:
        try:
            with transaction.atomic():
                TrainedCount.objects.create(count=delta, **dimensions)
        except IntegrityError:  # created meanwhile by another transaction
            TrainedCount.objects.filter(**dimensions).update(count=F("count") + delta)


def _trained_values(first):
    """Report dimensions of a participant's first attended day in a curriculum."""
    participant = first.participant
    session = first.day.session
    date = first.day.date
    return {
        "first_date": date,
        "quarter": quarter_start(date),
        "destination": session.destination,
        "location_id": session.location_id,
        "sex": participant.sex,
        "age_group": age_group(date.year - participant.year_of_birth),
        "nationality": participant.nationality,
    }


def refresh_trained(participant_id, curriculum_id):
    first = (
        Attendance.objects.filter(
            participant_id=participant_id,
            status__in=ATTENDED,
            day__session__curriculum_id=curriculum_id,
        )
        .select_related("day__session", "participant")
        .order_by("day__date", "day__session_id")
        .first()
    )
    row = TrainedParticipant.objects.filter(
        participant_id=participant_id, curriculum_id=curriculum_id
    ).first()
    if first is None:
        if row is not None:
            _adjust_count(row.dimensions(), -1)
            row.delete()
        return
    values = _trained_values(first)
    if row is not None:
        if all(getattr(row, key) == value for key, value in values.items()):
            return
        _adjust_count(row.dimensions(), -1)
        for key, value in values.items():
            setattr(row, key, value)
        row.save()
    else:
        row = TrainedParticipant.objects.create(
            participant_id=participant_id, curriculum_id=curriculum_id, **values
        )
    _adjust_count(row.dimensions(), +1)


def session_figures(session_id):
    session = TrainingSession.objects.filter(pk=session_id).first()
    if session is None:
        return None
    days = list(SessionDay.objects.filter(session_id=session_id))
    marks = Attendance.objects.filter(day__session_id=session_id).aggregate(
        marks=Count("pk"), attended=Count("pk", filter=Q(status__in=ATTENDED))
    )
    scores = Enrolment.objects.filter(
        session_id=session_id, pre_test_score__isnull=False, post_test_score__isnull=False
    ).aggregate(
        scored=Count("pk"),
        pre=Sum("pre_test_score"),
        post=Sum("post_test_score"),
        rose=Count("pk", filter=Q(post_test_score__gt=F("pre_test_score"))),
    )
    first_day = min((day.date for day in days), default=None)
    return {
        "location_id": session.location_id,
        "destination": session.destination,
        "quarter": quarter_start(first_day) if first_day else None,
        "held": session.status == TrainingSession.Status.HELD,
        "hours": Decimal(str(round(sum(day.hours for day in days), 2))),
        "marks": marks["marks"],
        "attended_marks": marks["attended"],
        "scored": scores["scored"],
        "pre_total": scores["pre"] or 0,
        "post_total": scores["post"] or 0,
        "rose": scores["rose"],
    }


def refresh_session_summary(session_id):
    figures = session_figures(session_id)
    if figures is None:
        SessionSummary.objects.filter(session_id=session_id).delete()
        return
    SessionSummary.objects.update_or_create(session_id=session_id, defaults=figures)


# --- Live computation over the raw tables (for checks and benchmarks) -------------


def first_attendances():
    """(participant id, curriculum id, first attended date, report dimensions) for every
    participant × curriculum with at least one attended day, from the raw tables."""
    rows = (
        Attendance.objects.filter(status__in=ATTENDED)
        .order_by("day__date", "day__session_id")
        .values_list(
            "participant_id",
            "day__session__curriculum_id",
            "day__date",
            "day__session__destination",
            "day__session__location_id",
            "participant__sex",
            "participant__year_of_birth",
            "participant__nationality",
        )
    )
    seen = set()
    for participant, curriculum, date, destination, location, sex, born, nationality in rows:
        if (participant, curriculum) in seen:
            continue
        seen.add((participant, curriculum))
        yield (
            participant,
            curriculum,
            date,
            {
                "quarter": quarter_start(date),
                "destination": destination,
                "location_id": location,
                "sex": sex,
                "age_group": age_group(date.year - born),
                "nationality": nationality,
            },
        )


def live_trained_counts():
    """{dimensions tuple: participants} computed from attendance itself."""
    return Counter(tuple(values[d] for d in DIMENSIONS) for *_ids, values in first_attendances())


def summary_trained_counts():
    return Counter(
        {
            tuple(row[d] for d in DIMENSIONS): row["count"]
            for row in TrainedCount.objects.filter(count__gt=0).values(*DIMENSIONS, "count")
        }
    )


def rebuild_summaries():
    """Recompute every summary from the raw tables (after bulk loads)."""
    with transaction.atomic():
        TrainedCount.objects.all().delete()
        TrainedParticipant.objects.all().delete()
        SessionSummary.objects.all().delete()
        trained = []
        counts = Counter()
        for participant, curriculum, date, values in first_attendances():
            trained.append(
                TrainedParticipant(
                    participant_id=participant, curriculum_id=curriculum, first_date=date, **values
                )
            )
            counts[tuple(values[d] for d in DIMENSIONS)] += 1
        TrainedParticipant.objects.bulk_create(trained, batch_size=5000)
        TrainedCount.objects.bulk_create(
            [
                TrainedCount(count=n, **dict(zip(DIMENSIONS, key, strict=True)))
                for key, n in counts.items()
            ],
            batch_size=5000,
        )
        SessionSummary.objects.bulk_create(all_session_figures(), batch_size=5000)


def all_session_figures():
    """SessionSummary rows for every session, in a handful of set-based queries."""
    marks = {
        row["day__session_id"]: row
        for row in Attendance.objects.order_by()
        .values("day__session_id")
        .annotate(marks=Count("pk"), attended=Count("pk", filter=Q(status__in=ATTENDED)))
    }
    scores = {
        row["session_id"]: row
        for row in Enrolment.objects.filter(
            pre_test_score__isnull=False, post_test_score__isnull=False
        )
        .order_by()
        .values("session_id")
        .annotate(
            scored=Count("pk"),
            pre=Sum("pre_test_score"),
            post=Sum("post_test_score"),
            rose=Count("pk", filter=Q(post_test_score__gt=F("pre_test_score"))),
        )
    }
    days = {}
    for day in SessionDay.objects.order_by().only("session_id", "date", "start_time", "end_time"):
        days.setdefault(day.session_id, []).append(day)
    summaries = []
    for session in TrainingSession.objects.order_by().values(
        "pk", "location_id", "destination", "status"
    ):
        pk = session["pk"]
        session_days = days.get(pk, [])
        first_day = min((day.date for day in session_days), default=None)
        mark, score = marks.get(pk, {}), scores.get(pk, {})
        summaries.append(
            SessionSummary(
                session_id=pk,
                location_id=session["location_id"],
                destination=session["destination"],
                quarter=quarter_start(first_day) if first_day else None,
                held=session["status"] == TrainingSession.Status.HELD,
                hours=Decimal(str(round(sum(day.hours for day in session_days), 2))),
                marks=mark.get("marks", 0),
                attended_marks=mark.get("attended", 0),
                scored=score.get("scored", 0),
                pre_total=score.get("pre") or 0,
                post_total=score.get("post") or 0,
                rose=score.get("rose", 0),
            )
        )
    return summaries


def forget_participant(participant_id):
    with transaction.atomic():
        for row in TrainedParticipant.objects.filter(participant_id=participant_id):
            _adjust_count(row.dimensions(), -1)
            row.delete()
