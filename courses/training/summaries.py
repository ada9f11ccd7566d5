"""Keeping the report summary tables current (models/summaries.py).

The code that changes training records calls these functions inside its own
transaction, naming what changed: the attendance sheet (``attendance_recorded``,
``sessions_changed``), the import (``participants_changed``, ``sessions_changed``),
the session and participant forms (``session_saved``, ``participants_changed``).
Deletions, which Django cascades without asking the code, reach
``participant_removed`` and ``session_removed`` through two thin receivers
(signals.py). Bulk loads call ``rebuild_summaries``.

A participant counts once per curriculum, in the quarter and with the dimensions of
the first day they attended (present or late).
"""

from collections import Counter
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum

from courses.training.models import (
    Attendance,
    Enrolment,
    Participant,
    SessionDay,
    SessionSummary,
    TrainedCount,
    TrainedParticipant,
    TrainingSession,
)
from courses.training.models.summaries import DIMENSIONS, age_group
from courses.training.periods import quarter_start

ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.LATE)
SESSION_FIGURES = (
    "location",
    "destination",
    "quarter",
    "held",
    "hours",
    "marks",
    "attended_marks",
    "scored",
    "pre_total",
    "post_total",
    "rose",
)


# --- What changed -----------------------------------------------------------------


def attendance_recorded(session, participant_ids):
    """Marks of these participants in ``session`` were added, changed or removed."""
    refresh_trained({(pk, session.curriculum_id) for pk in participant_ids})
    refresh_session_summaries([session.pk])


def sessions_changed(session_ids):
    """Enrolments or scores of these sessions changed (attendance did not)."""
    refresh_session_summaries(session_ids)


def session_saved(session, previous_curriculum_id=None):
    """A session, its days or its curriculum changed: every figure it feeds."""
    curricula = {session.curriculum_id, previous_curriculum_id} - {None}
    refresh_trained(
        {(pk, curriculum) for pk in enrolled_participants(session.pk) for curriculum in curricula}
    )
    refresh_session_summaries([session.pk])


def participants_changed(participant_ids):
    """Sex, year of birth or nationality of these participants may have changed."""
    pairs = TrainedParticipant.objects.filter(participant_id__in=participant_ids).values_list(
        "participant_id", "curriculum_id"
    )
    refresh_trained(set(pairs))


def participant_removed(participant_id):
    """Before a participant is deleted: take them out of every figure."""
    session_ids = set(
        Enrolment.objects.filter(participant_id=participant_id).values_list("session_id", flat=True)
    )
    with transaction.atomic():
        Attendance.objects.filter(participant_id=participant_id).delete()
        Enrolment.objects.filter(participant_id=participant_id).delete()
        removed = TrainedParticipant.objects.filter(participant_id=participant_id)
        counted = Counter(dimension_key(row.dimensions()) for row in removed)
        add_to_counts({key: -n for key, n in counted.items()})
        removed.delete()
        refresh_session_summaries(session_ids)


def session_removed(session):
    """Before a session is deleted: count its participants by their other sessions."""
    participant_ids = enrolled_participants(session.pk)
    with transaction.atomic():
        Attendance.objects.filter(day__session_id=session.pk).delete()
        refresh_trained({(pk, session.curriculum_id) for pk in participant_ids})


def enrolled_participants(session_id):
    return set(
        Enrolment.objects.filter(session_id=session_id).values_list("participant_id", flat=True)
    )


# --- Participants trained -----------------------------------------------------------


def refresh_trained(pairs):
    """Bring TrainedParticipant and TrainedCount up to date for (participant, curriculum)
    pairs, in a fixed number of statements whatever their number.

    The participants are locked first, in id order, so two transactions that touch the
    same people take turns, and counts change by increments in one statement in key
    order: concurrent saves neither deadlock nor lose a count.
    """
    pairs = set(pairs)
    if not pairs:
        return
    participant_ids = sorted({participant for participant, _curriculum in pairs})
    curriculum_ids = sorted({curriculum for _participant, curriculum in pairs})
    with transaction.atomic():
        list(
            Participant.objects.select_for_update()
            .filter(pk__in=participant_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        attendance = Attendance.objects.filter(
            participant_id__in=participant_ids, day__session__curriculum_id__in=curriculum_ids
        )
        firsts = {
            (participant, curriculum): {"first_date": date, **values}
            for participant, curriculum, date, values in first_attendances(attendance)
            if (participant, curriculum) in pairs
        }
        rows = {
            (row.participant_id, row.curriculum_id): row
            for row in TrainedParticipant.objects.filter(
                participant_id__in=participant_ids, curriculum_id__in=curriculum_ids
            )
            if (row.participant_id, row.curriculum_id) in pairs
        }
        deltas = Counter()
        to_create, to_update, to_delete = [], [], []
        for pair in sorted(pairs):
            values, row = firsts.get(pair), rows.get(pair)
            if row is not None and values is None:
                deltas[dimension_key(row.dimensions())] -= 1
                to_delete.append(row.pk)
            elif row is None and values is not None:
                deltas[dimension_key(values)] += 1
                to_create.append(
                    TrainedParticipant(participant_id=pair[0], curriculum_id=pair[1], **values)
                )
            elif row is not None and any(getattr(row, k) != v for k, v in values.items()):
                deltas[dimension_key(row.dimensions())] -= 1
                deltas[dimension_key(values)] += 1
                for key, value in values.items():
                    setattr(row, key, value)
                to_update.append(row)
        if to_delete:
            TrainedParticipant.objects.filter(pk__in=to_delete).delete()
        if to_update:
            TrainedParticipant.objects.bulk_update(to_update, ["first_date", *DIMENSIONS])
        if to_create:
            TrainedParticipant.objects.bulk_create(to_create)
        add_to_counts(deltas)


def dimension_key(values):
    return tuple(values[name] for name in DIMENSIONS)


# Rows per upsert statement: 7 parameters each, within SQLite's 999.
COUNT_ROWS_PER_STATEMENT = 140


def add_to_counts(deltas):
    """Add {dimension key: delta} to TrainedCount: one upsert per 140 keys, in key order
    (so concurrent transactions lock shared rows in the same order)."""
    rows = sorted((key, delta) for key, delta in deltas.items() if delta)
    table = connection.ops.quote_name(TrainedCount._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COUNT_COLUMNS)
    conflict = ", ".join(connection.ops.quote_name(c) for c in COUNT_COLUMNS[:-1])
    count = connection.ops.quote_name("count")
    row_placeholder = "(" + ", ".join(["%s"] * len(COUNT_COLUMNS)) + ")"
    # Table and column names are the model's own; the values go as parameters.
    upsert = (
        f"INSERT INTO {table} ({columns}) VALUES {{values}} ON CONFLICT ({conflict}) "  # nosec B608
        f"DO UPDATE SET {count} = {table}.{count} + EXCLUDED.{count}"
    )
    for start in range(0, len(rows), COUNT_ROWS_PER_STATEMENT):
        chunk = rows[start : start + COUNT_ROWS_PER_STATEMENT]
        params = [value for key, delta in chunk for value in (*key, delta)]
        with connection.cursor() as cursor:
            cursor.execute(upsert.format(values=", ".join([row_placeholder] * len(chunk))), params)


COUNT_COLUMNS = (
    "quarter",
    "destination",
    "location_id",
    "sex",
    "age_group",
    "nationality",
    "count",
)


def trained_values(date, destination, location_id, sex, year_of_birth, nationality):
    """Report dimensions of a participant's first attended day in a curriculum."""
    return {
        "quarter": quarter_start(date),
        "destination": destination,
        "location_id": location_id,
        "sex": sex,
        "age_group": age_group(date.year - year_of_birth),
        "nationality": nationality,
    }


FIRST_ATTENDANCE_COLUMNS = (
    "participant_id",
    "day__session__curriculum_id",
    "day__date",
    "day__session__destination",
    "day__session__location_id",
    "participant__sex",
    "participant__year_of_birth",
    "participant__nationality",
)


def first_attendances(attendance=None):
    """(participant id, curriculum id, first attended date, report dimensions) for every
    participant × curriculum with at least one attended day among ``attendance``
    (default: all), from the raw tables."""
    queryset = Attendance.objects.all() if attendance is None else attendance
    rows = (
        queryset.filter(status__in=ATTENDED)
        .order_by("day__date", "day__session_id")
        .values_list(*FIRST_ATTENDANCE_COLUMNS)
    )
    seen = set()
    for participant, curriculum, date, *dimensions in rows.iterator(chunk_size=5000):
        if (participant, curriculum) in seen:
            continue
        seen.add((participant, curriculum))
        yield participant, curriculum, date, trained_values(date, *dimensions)


# --- Sessions and results ------------------------------------------------------------


def session_figures(session_ids=None):
    """SessionSummary rows (unsaved) for the given sessions (default: all), computed
    set-based in four queries whatever their number."""
    sessions = TrainingSession.objects.order_by()
    marks = Attendance.objects.order_by()
    scores = Enrolment.objects.filter(pre_test_score__isnull=False, post_test_score__isnull=False)
    days = SessionDay.objects.order_by()
    if session_ids is not None:
        sessions = sessions.filter(pk__in=session_ids)
        marks = marks.filter(day__session_id__in=session_ids)
        scores = scores.filter(session_id__in=session_ids)
        days = days.filter(session_id__in=session_ids)
    marks_by_session = {
        row["day__session_id"]: row
        for row in marks.values("day__session_id").annotate(
            marks=Count("pk"), attended=Count("pk", filter=Q(status__in=ATTENDED))
        )
    }
    scores_by_session = {
        row["session_id"]: row
        for row in scores.order_by()
        .values("session_id")
        .annotate(
            scored=Count("pk"),
            pre=Sum("pre_test_score"),
            post=Sum("post_test_score"),
            rose=Count("pk", filter=Q(post_test_score__gt=F("pre_test_score"))),
        )
    }
    days_by_session = {}
    for day in days.only("session_id", "date", "start_time", "end_time"):
        days_by_session.setdefault(day.session_id, []).append(day)
    summaries = []
    for session in sessions.values("pk", "location_id", "destination", "status"):
        pk = session["pk"]
        session_days = days_by_session.get(pk, [])
        first_day = min((day.date for day in session_days), default=None)
        mark, score = marks_by_session.get(pk, {}), scores_by_session.get(pk, {})
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


def refresh_session_summaries(session_ids):
    session_ids = sorted(set(session_ids))
    if not session_ids:
        return
    rows = session_figures(session_ids)
    with transaction.atomic():
        SessionSummary.objects.filter(session_id__in=session_ids).exclude(
            session_id__in=[row.session_id for row in rows]
        ).delete()
        SessionSummary.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["session"],
            update_fields=SESSION_FIGURES,
        )


# --- Everything at once ---------------------------------------------------------------


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
        SessionSummary.objects.bulk_create(session_figures(), batch_size=5000)
