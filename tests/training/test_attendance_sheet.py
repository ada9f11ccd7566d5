"""The attendance sheet at camp scale and with two trainers at once: only what a trainer
changed is saved, a cell changed by someone else meanwhile is reported, not overwritten,
and saving takes a fixed number of queries whatever the size of the sheet."""

import datetime
import json
import threading

import pytest

from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.training.models import Attendance, Enrolment
from courses.training.summaries import rebuild_summaries
from tests.training.factories import (
    LocationFactory,
    StaffUserFactory,
    TrainingSessionFactory,
    fill_session,
    mark,
)
from tests.training.oracles import live_trained_counts, summary_trained_counts

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and concurrent writers: PostgreSQL"
)


def sheet_url(session):
    return reverse("training:attendance", args=[session.pk])


def opened_sheet(client, session):
    """What the browser holds after opening the sheet: every field as rendered."""
    response = client.get(sheet_url(session))
    assert response.status_code == 200
    sheet = response.context["sheet"]
    data = {"action": "save", "base": sheet.base_json()}
    for row in sheet.rows:
        for cell in row.cells:
            data[f"mark-{row.enrolment.number}-{cell.day.pk}"] = cell.value
        data[f"pre-{row.enrolment.number}"] = row.pre.value
        data[f"post-{row.enrolment.number}"] = row.post.value
    return data


def big_session(curriculum, location, participants, days):
    """A session of ``participants`` × ``days``, created in bulk (as an import would)."""
    session = TrainingSessionFactory(
        curriculum=curriculum, location=location, days=(), participants=0
    )
    return fill_session(
        session,
        participants=participants,
        days=days,
        start=datetime.date(2026, 3, 2),
        reference=lambda n: f"BIG-26-{session.pk:02d}{n:04d}",
    )


@pytest.fixture
def camp(curricula):
    location = LocationFactory(site_name="Camp, Hatay", kind="camp")
    trainers = [
        StaffUserFactory(username=name, group="Trainers", locations=[location])
        for name in ("trainer.a", "trainer.b")
    ]
    return location, trainers


@pytest.mark.django_db
def test_an_unchanged_cell_never_reverts_a_mark_made_meanwhile(client, curricula, camp):
    location, (first_trainer, _second) = camp
    session = TrainingSessionFactory(curriculum=curricula[1], location=location, participants=2)
    one, two = session.enrolments.all()
    day1, day2 = session.ordered_days
    client.force_login(first_trainer)
    data = opened_sheet(client, session)
    mark(session, two.participant, day1.date.isoformat(), "late")  # the other trainer
    data[f"mark-1-{day2.pk}"] = "present"
    response = client.post(sheet_url(session), data)
    assert response.status_code == 302
    marks = {(a.participant_id, a.day_id): a.status for a in Attendance.objects.all()}
    assert marks == {
        (one.participant_id, day2.pk): "present",
        (two.participant_id, day1.pk): "late",
    }


@pytest.mark.django_db
def test_a_cell_changed_by_someone_else_is_a_conflict_shown_with_both_values(
    client, curricula, camp
):
    location, (first_trainer, _second) = camp
    session = TrainingSessionFactory(curriculum=curricula[1], location=location, participants=2)
    one, two = session.enrolments.all()
    day1, day2 = session.ordered_days
    client.force_login(first_trainer)
    data = opened_sheet(client, session)
    mark(session, one.participant, day1.date.isoformat(), "absent")  # the other trainer
    data[f"mark-1-{day1.pk}"] = "present"  # conflicts
    data[f"mark-2-{day2.pk}"] = "late"  # saved
    response = client.post(sheet_url(session), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "changed by someone else" in html and "attendance-conflict" in html
    assert Attendance.objects.get(participant=one.participant, day=day1).status == "absent"
    assert Attendance.objects.get(participant=two.participant, day=day2).status == "late"
    # The trainer sees both and saves again: their value is now a deliberate choice.
    again = opened_sheet(client, session) | {f"mark-1-{day1.pk}": "present"}
    sheet = response.context["sheet"]
    again["base"] = sheet.base_json()
    assert json.loads(again["base"])["marks"][f"1-{day1.pk}"] == "absent"
    assert client.post(sheet_url(session), again).status_code == 302
    assert Attendance.objects.get(participant=one.participant, day=day1).status == "present"


@pytest.mark.django_db
def test_a_score_changed_meanwhile_is_a_conflict(client, curricula, camp):
    location, (first_trainer, _second) = camp
    session = TrainingSessionFactory(curriculum=curricula[1], location=location, participants=1)
    client.force_login(first_trainer)
    data = opened_sheet(client, session)
    Enrolment.objects.filter(session=session).update(pre_test_score=35)
    data["pre-1"], data["post-1"] = "40", "80"
    response = client.post(sheet_url(session), data)
    assert response.status_code == 409
    enrolment = session.enrolments.get()
    assert (enrolment.pre_test_score, enrolment.post_test_score) == (35, 80)


@pytest.mark.django_db
def test_a_300_by_10_sheet_is_saved_in_one_go(client, curricula, camp):
    location, (trainer, _second) = camp
    session = big_session(curricula[1], location, participants=300, days=10)
    client.force_login(trainer)
    data = opened_sheet(client, session)
    assert len(data) > 3_600  # over Django's default limit of 1,000 fields
    for key in data:
        if key.startswith("mark-"):
            data[key] = "present"
    data.update({f"pre-{n}": "50" for n in range(1, 301)})
    response = client.post(sheet_url(session), data)
    assert response.status_code == 302
    assert Attendance.objects.filter(day__session=session, status="present").count() == 3_000
    assert summary_trained_counts() == live_trained_counts()
    assert sum(summary_trained_counts().values()) == 300


def save_queries(client, session, status):
    data = opened_sheet(client, session)
    for key in data:
        if key.startswith("mark-"):
            data[key] = status
        elif key.startswith(("pre-", "post-")):
            data[key] = "40" if status == "present" else "55"
    with CaptureQueriesContext(connection) as queries:
        assert client.post(sheet_url(session), data).status_code == 302
    return len(queries)


@pytest.mark.django_db
def test_saving_takes_the_same_number_of_queries_for_a_small_and_a_big_sheet(
    client, curricula, camp
):
    location, (trainer, _second) = camp
    # SQLite allows 999 parameters per statement, so Django splits bulk writes of more
    # than 333 marks; PostgreSQL writes any sheet in one statement.
    big = 300 if connection.vendor == "postgresql" else 30
    small_session = big_session(curricula[1], location, participants=5, days=10)
    big_session_ = big_session(curricula[1], location, participants=big, days=10)
    client.force_login(trainer)
    for status in ("present", "late"):  # creating marks, then changing them
        assert save_queries(client, small_session, status) == save_queries(
            client, big_session_, status
        )


def post_in_thread(user, url, data, results, barrier):
    client = Client()
    client.force_login(user)
    try:
        barrier.wait()
        results[user.username] = client.post(url, data).status_code
    finally:
        connections.close_all()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_trainers_saving_one_sheet_at_once(site_tree, curricula, camp):
    location, (first, second) = camp
    session = big_session(curricula[1], location, participants=40, days=5)
    day1, day2, *_rest = session.ordered_days
    reader = Client()
    reader.force_login(first)
    opened = opened_sheet(reader, session)
    mine, theirs = dict(opened), dict(opened)
    for n in range(1, 21):
        mine[f"mark-{n}-{day1.pk}"] = "present"
    for n in range(21, 41):
        theirs[f"mark-{n}-{day1.pk}"] = "late"
    mine[f"mark-40-{day2.pk}"], theirs[f"mark-40-{day2.pk}"] = "present", "absent"
    results, barrier = {}, threading.Barrier(2)
    threads = [
        threading.Thread(
            target=post_in_thread, args=(user, sheet_url(session), data, results, barrier)
        )
        for user, data in ((first, mine), (second, theirs))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # One saves everything; the other saves its own cells and is told of the one clash.
    assert sorted(results.values()) == [302, 409]
    marks = {a.participant_id: a.status for a in Attendance.objects.filter(day=day1)}
    assert len(marks) == 40
    assert Attendance.objects.filter(day=day2).count() == 1
    assert summary_trained_counts() == live_trained_counts()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_sessions_of_one_location_and_quarter_saved_at_once(site_tree, curricula, camp):
    location, (first, second) = camp
    sessions = [big_session(curricula[1], location, participants=60, days=3) for _ in range(2)]
    payloads = []
    for user, session in zip((first, second), sessions, strict=True):
        reader = Client()
        reader.force_login(user)
        data = opened_sheet(reader, session)
        for key in data:
            if key.startswith("mark-"):
                data[key] = "present"
        payloads.append((user, session, data))
    for _round in range(3):
        results, barrier = {}, threading.Barrier(2)
        threads = [
            threading.Thread(
                target=post_in_thread, args=(user, sheet_url(session), data, results, barrier)
            )
            for user, session, data in payloads
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results.values()) == [302, 302]
        for _user, _session, data in payloads:  # next round changes every mark again
            for key in data:
                if key.startswith("mark-"):
                    data[key] = "late" if data[key] == "present" else "present"
            data["base"] = json.dumps(
                {
                    "marks": {
                        key.removeprefix("mark-"): ("present" if value == "late" else "late")
                        for key, value in data.items()
                        if key.startswith("mark-")
                    }
                }
            )
    counts = summary_trained_counts()
    assert counts == live_trained_counts() and sum(counts.values()) == 120
    rebuild_summaries()
    assert summary_trained_counts() == counts
