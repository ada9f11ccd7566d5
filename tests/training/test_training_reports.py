"""Report figures on known data; summaries always equal the live computation;
query counts do not grow with rows."""

import csv
import io
import random

import pytest

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.training import summaries
from courses.training.attendance import enrol, record_marks
from courses.training.figures import suppressed_cells
from courses.training.models import Participant, TrainedCount
from courses.training.summaries import rebuild_summaries
from tests.training.factories import (
    LocationFactory,
    ParticipantFactory,
    StaffUserFactory,
    TrainingSessionFactory,
    mark,
)
from tests.training.oracles import live_trained_counts, summary_trained_counts


def rows_of(client, name, query=""):
    response = client.get(reverse(f"training_reports:{name}") + "?export=csv" + query)
    assert response.status_code == 200
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    text = raw.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def known(curricula, django_user_model):
    _index, finland, _iceland = curricula
    istanbul = LocationFactory(site_name="Istanbul")
    manager = StaffUserFactory(username="manager", group="Programme managers")
    trainer = StaffUserFactory(username="trainer", group="Trainers", locations=[istanbul])
    # Session A: Finland PDO, March 2026 (Q1), three days.
    a = TrainingSessionFactory(
        curriculum=finland,
        location=istanbul,
        days=("2026-03-02", "2026-03-03", "2026-03-04"),
        participants=0,
    )
    a.trainers.add(trainer)
    # Session B: the same curriculum in April (Q2): people who attend both count once (Q1).
    b = TrainingSessionFactory(
        curriculum=finland, location=istanbul, days=("2026-04-06", "2026-04-07"), participants=0
    )
    b.trainers.add(trainer)
    mother = ParticipantFactory(location=istanbul, sex="female", year_of_birth=1990)  # 36: 18–59
    child = ParticipantFactory(location=istanbul, sex="male", year_of_birth=2022)  # 4: 0–5
    grandfather = ParticipantFactory(location=istanbul, sex="male", year_of_birth=1960)  # 66: 60+
    absent = ParticipantFactory(
        location=istanbul, sex="female", year_of_birth=2010
    )  # never attends
    for person in (mother, child, grandfather, absent):
        enrol(a, person)
    for person in (mother, grandfather):
        enrol(b, person)
    for date in ("2026-03-02", "2026-03-03", "2026-03-04"):
        mark(a, mother, date)
        mark(a, child, date, "late")
        mark(a, absent, date, "absent")
    mark(b, mother, "2026-04-06")
    mark(b, grandfather, "2026-04-06")  # first attended in Q2
    mark(b, grandfather, "2026-04-07", "absent")
    a.enrolments.filter(participant=mother).update(pre_test_score=40, post_test_score=70)
    a.enrolments.filter(participant=child).update(pre_test_score=50, post_test_score=45)
    # Scores changed by queryset update: tell the summaries, as the sheet would.
    summaries.sessions_changed([a.pk])
    return {"manager": manager, "a": a, "b": b}


def pivot_cells(rows):
    """{(quarter, column): count} of the non-zero cells of a pivot export."""
    labels = {"Quarter", "Destination", "Location", "Nationality", "Total"}
    return {
        (row["Quarter"], column): value
        for row in rows
        if row["Quarter"] != "Total"
        for column, value in row.items()
        if column not in labels and value != "0"
    }


@pytest.mark.django_db
@override_settings(PDO_SMALL_CELL_THRESHOLD=1)
def test_participants_trained_counts_each_person_once_per_curriculum(client, known):
    client.force_login(known["manager"])
    rows = rows_of(client, "participants_trained")
    assert pivot_cells(rows) == {
        ("2026 Q1", "Female 18–59"): "1",  # the mother, counted in Q1 only
        ("2026 Q1", "Male 0–5"): "1",  # the child (late counts as attended)
        ("2026 Q2", "Male 60+"): "1",  # the grandfather
    }
    assert {r["Destination"] for r in rows} == {"Finland", ""}
    assert rows[-1]["Quarter"] == "Total" and rows[-1]["Total"] == "3"
    by_location = rows_of(client, "participants_trained", "&breakdown=location")
    assert {r["Location"] for r in by_location[:-1]} == {"Istanbul"}
    q2 = rows_of(client, "participants_trained", "&quarter_number=2")
    assert [r["Total"] for r in q2] == ["1", "1"]


@pytest.mark.django_db
def test_small_counts_leave_the_system_suppressed(client, known):
    client.force_login(known["manager"])
    rows = rows_of(client, "participants_trained")
    assert set(pivot_cells(rows).values()) == {"<5"}
    assert rows[-1]["Total"] == "<5"
    html = client.get(reverse("training_reports:participants_trained")).content.decode()
    assert "pivot-count--small" in html  # exact on screen, marked


def test_secondary_suppression_hides_what_totals_would_reveal():
    # Two rows and two columns, with totals. 3 is small; 12 alone in its row with it
    # would give 3 away (15 - 12), so 12 or another cell must go too.
    matrix = [[3, 12, 15], [20, 30, 50], [23, 42, 65]]
    hidden = suppressed_cells(matrix, 5)
    assert (0, 0) in hidden
    for line in [*matrix_lines(3, 3)]:
        assert sum(1 for cell in line if cell in hidden) != 1
    assert suppressed_cells([[7, 8, 15], [9, 10, 19], [16, 18, 34]], 5) == set()


def matrix_lines(height, width):
    yield from ([(r, c) for c in range(width)] for r in range(height))
    yield from ([(r, c) for r in range(height)] for c in range(width))


@pytest.mark.django_db
def test_sessions_report_hours_attendance_and_scores(client, known):
    client.force_login(known["manager"])
    (row,) = rows_of(client, "sessions_delivered")
    assert row["Trainer"] == "trainer"
    assert row["Sessions held"] == "2"
    assert float(row["Hours delivered"]) == 20.0  # 5 days × 4 h
    # Marks: A 9 (6 attended), B 3 (2 attended) → 8/12
    assert float(row["Attendance rate (%)"]) == round(100 * 8 / 12, 1)
    assert float(row["Average pre-test score"]) == 45.0
    assert float(row["Average post-test score"]) == 57.5
    assert float(row["Difference"]) == 12.5
    assert float(row["Scores rose (%)"]) == 50.0


@pytest.mark.django_db
def test_report_pages_render_with_a_chart(client, known):
    client.force_login(known["manager"])
    for name in ("participants_trained", "sessions_delivered"):
        html = client.get(reverse(f"training_reports:{name}")).content.decode()
        assert "<svg" in html and 'role="img"' in html
        assert "2026 Q1" in html


@pytest.mark.django_db
def test_summaries_always_equal_the_live_computation(curricula):
    _index, finland, iceland = curricula
    rng = random.Random(7)
    locations = [
        LocationFactory(site_name="Istanbul"),
        LocationFactory(site_name="Camp", kind="camp"),
    ]
    sessions = []
    for n in range(6):
        curriculum = [finland, iceland][n % 2]
        month = 1 + n * 2
        sessions.append(
            TrainingSessionFactory(
                curriculum=curriculum,
                location=locations[n % 2],
                days=(f"2026-{month:02d}-10", f"2026-{month:02d}-11"),
                participants=4,
            )
        )
    people = list(Participant.objects.all())
    for session in sessions[3:]:  # some people come back for another curriculum
        for person in rng.sample(people, 3):
            if person.location_id == session.location_id:
                enrol(session, person)
    for _step in range(120):
        session = rng.choice(sessions)
        enrolment = rng.choice(list(session.enrolments.all()))
        day = rng.choice(session.ordered_days)
        action = rng.random()
        cell = (enrolment.participant_id, day.pk)
        if action < 0.7:
            record_marks(session, {cell: rng.choice(["present", "late", "absent"])})
        elif action < 0.85:
            record_marks(session, {cell: ""})
        elif action < 0.95:
            person = enrolment.participant
            person.sex = rng.choice(["female", "male", "other"])
            person.year_of_birth = rng.choice([1950, 1980, 2012, 2022])
            person.save()
            summaries.participants_changed([person.pk])
        else:
            day.date = day.date.replace(day=rng.choice([12, 20, 25]))
            if not session.days.filter(date=day.date).exclude(pk=day.pk).exists():
                day.save()
                session.days_saved()
                summaries.session_saved(session)
        assert summary_trained_counts() == live_trained_counts()
    Participant.objects.filter(pk=people[0].pk).delete()
    assert summary_trained_counts() == live_trained_counts()
    before = summary_trained_counts()
    rebuild_summaries()
    assert summary_trained_counts() == before
    assert TrainedCount.objects.filter(count__lt=0).count() == 0


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        reverse("trainingsession:index"),
        reverse("participant:index"),
        reverse("location:index"),
        reverse("training_reports:participants_trained"),
        reverse("training_reports:sessions_delivered"),
    ],
)
def test_list_and_report_query_counts_do_not_grow_with_rows(client, known, url, curricula):
    client.force_login(known["manager"])
    location = known["a"].location
    client.get(url)  # the session's first request records its sign-in activity once
    before = count_queries(client, url)
    for n in range(5):
        session = TrainingSessionFactory(
            curriculum=curricula[1], location=location, days=(f"2026-0{n + 5}-10",), participants=3
        )
        for enrolment in session.enrolments.all():
            mark(session, enrolment.participant, f"2026-0{n + 5}-10")
    LocationFactory(site_name="Extra location")
    assert count_queries(client, url) == before
