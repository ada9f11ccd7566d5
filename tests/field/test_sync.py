"""The sync API through its real views: batches sent twice, conflicts, bad records."""

import uuid

import pytest

from courses.field.models import AppliedChange, SyncRecord
from courses.field.versions import version_of
from courses.training.models import (
    Attendance,
    Enrolment,
    Participant,
    SessionSummary,
    TrainingSession,
)
from tests.field.conftest import Device, change, near_today
from tests.training.factories import mark


def mark_change(enrolment, day, status, based_on=""):
    return change(
        "attendance",
        enrolment=enrolment.pk,
        day=day.pk,
        status=status,
        version=version_of(based_on),
    )


def score_change(enrolment, test, value, based_on=""):
    return change(
        "score", enrolment=enrolment.pk, test=test, value=value, version=version_of(based_on)
    )


def new_participant(session_ref, reference, **values):
    fields = {"sex": "female", "year_of_birth": "1990", "nationality": "Syrian", **values}
    return change("participant", session=session_ref, case_reference=reference, **fields)


def week_of_work(session):
    """Marks for every row and day, scores, a participant with marks, notes."""
    enrolments = list(session.enrolments.order_by("number"))
    days = session.ordered_days
    added = new_participant(session.pk, "TUR-25-000777")
    changes = [mark_change(e, d, "present") for e in enrolments for d in days]
    changes += [score_change(e, "pre", "40") for e in enrolments]
    changes += [
        added,
        change(
            "attendance",
            enrolment=added["uuid"],
            day=days[0].date.isoformat(),
            status="late",
            version=version_of(""),
        ),
        change("note", session=session.pk, text="Rain on day 2.", version=version_of("")),
    ]
    return changes


@pytest.mark.django_db
def test_the_same_batch_twice_changes_nothing_the_second_time(device, field):
    session = field["session"]
    changes = week_of_work(session)
    first = device.outcomes(changes)
    assert {item["status"] for item in first.values()} == {"applied"}
    assert not any(item["replayed"] for item in first.values())
    marks = sorted(Attendance.objects.filter(day__session=session).values_list("pk", "status"))
    assert len(marks) == 3 * 3 + 1
    added = Participant.objects.get(case_reference="TUR-25-000777")
    enrolment = Enrolment.objects.get(session=session, participant=added)
    assert enrolment.number == 4
    assert first[changes[-3]["uuid"]]["object_id"] == enrolment.pk

    second = device.outcomes(changes)
    assert all(item["replayed"] and item["status"] == "applied" for item in second.values())
    assert (
        sorted(Attendance.objects.filter(day__session=session).values_list("pk", "status")) == marks
    )
    assert Enrolment.objects.filter(session=session).count() == 4
    assert AppliedChange.objects.count() == len(changes)
    session.refresh_from_db()
    assert session.notes == "Rain on day 2."
    summary = SessionSummary.objects.get(session=session)
    assert (summary.marks, summary.attended_marks) == (10, 10)


@pytest.mark.django_db
def test_a_record_changed_on_the_server_is_a_conflict_with_the_servers_value(device, field):
    session = field["session"]
    first, second, _third = session.enrolments.order_by("number")
    day = session.ordered_days[0]
    downloaded = device.download().json()["sessions"][0]
    row = downloaded["enrolments"][0]
    assert row["marks"][0] == {"day": day.pk, "status": "", "version": version_of("")}
    # Meanwhile, on the admin's attendance sheet:
    mark(session, first.participant, day.date.isoformat(), "absent")
    Enrolment.objects.filter(pk=first.pk).update(post_test_score=70)
    TrainingSession.objects.filter(pk=session.pk).update(notes="Typed in the office.")

    changes = [
        mark_change(first, day, "present", based_on=row["marks"][0]["status"]),
        mark_change(second, day, "present"),
        score_change(first, "post", "75", based_on=row["post"]["value"]),
        change(
            "note",
            session=session.pk,
            text="From the phone.",
            version=downloaded["notes"]["version"],
        ),
    ]
    outcomes = device.outcomes(changes)
    assert [outcomes[c["uuid"]]["status"] for c in changes] == [
        "conflict",
        "applied",
        "conflict",
        "conflict",
    ]
    assert outcomes[changes[0]["uuid"]]["server"] == {
        "value": "absent",
        "version": version_of("absent"),
    }
    assert outcomes[changes[2]["uuid"]]["server"]["value"] == "70"
    assert outcomes[changes[3]["uuid"]]["server"]["value"] == "Typed in the office."
    assert Attendance.objects.get(day=day, participant=first.participant).status == "absent"
    assert Attendance.objects.get(day=day, participant=second.participant).status == "present"

    # The trainer chose the phone's value, knowing the server's: a new change on its version.
    resolved = mark_change(first, day, "present", based_on="absent")
    assert device.outcomes([resolved])[resolved["uuid"]]["status"] == "applied"
    assert Attendance.objects.get(day=day, participant=first.participant).status == "present"


@pytest.mark.django_db
def test_bad_records_are_refused_with_their_reason_and_the_good_ones_kept(device, field):
    session = field["session"]
    first = session.enrolments.order_by("number").first()
    day = session.ordered_days[0]
    changes = [
        mark_change(first, day, "present"),
        mark_change(first, session.ordered_days[1], "asleep"),
        score_change(first, "pre", "140"),
        new_participant(session.pk, "not-a-reference"),
        new_participant(session.pk, "TUR-25-000888", sex=""),
        change("attendance", enrolment=first.pk, day="2001-01-01", status="present", version=""),
        new_participant(str(uuid.uuid4()), "TUR-25-000889"),
        score_change(first, "post", "60"),
    ]
    response = device.sync(changes)
    assert response.status_code == 200
    body = response.json()
    outcomes = {item["uuid"]: item for item in body["outcomes"]}
    statuses = [outcomes[c["uuid"]]["status"] for c in changes]
    assert statuses == ["applied"] + ["refused"] * 6 + ["applied"]
    reasons = [outcomes[c["uuid"]]["reason"] for c in changes[1:7]]
    assert "Unknown attendance mark" in reasons[0]
    assert "whole number from 0 to 100" in reasons[1]
    assert "not a valid case reference" in reasons[2]
    assert "required for a new participant" in reasons[3]
    assert "no such day" in reasons[4]
    assert "Not found" in reasons[5]
    assert (body["applied"], body["refused"], body["conflicts"]) == (2, 6, 0)
    first.refresh_from_db()
    assert (first.pre_test_score, first.post_test_score) == (None, 60)
    assert not Participant.objects.filter(case_reference__in=["TUR-25-000888", "TUR-25-000889"])


@pytest.mark.django_db
def test_two_devices_converge_on_one_session_and_one_participant(client, field):
    phone, tablet = Device(client, "trainer", "Phone"), Device(client, "trainer", "Tablet")
    today = near_today(3)[0]
    planned = {
        "location": field["camp"].pk,
        "curriculum": field["curriculum"].pk,
        "delivery_language": "ar",
        "destination": "finland",
        "days": [{"date": today, "start_time": "09:00", "end_time": "13:00"}],
    }
    results = []
    for device in (phone, tablet):
        opened = change("session", **planned)
        added = new_participant(opened["uuid"], "TUR-25-000555")
        marked = change(
            "attendance",
            enrolment=added["uuid"],
            day=today,
            status="present",
            version=version_of(""),
        )
        results.append(device.outcomes([marked, added, opened]))
        assert {item["status"] for item in results[-1].values()} == {"applied"}
    sessions = TrainingSession.objects.filter(location=field["camp"], first_day=today)
    assert sessions.count() == 1
    assert Participant.objects.filter(case_reference="TUR-25-000555").count() == 1
    assert Enrolment.objects.filter(session=sessions.get()).count() == 1
    assert Attendance.objects.filter(day__session=sessions.get()).count() == 1
    assert field["trainer"] in sessions.get().trainers.all()


@pytest.mark.django_db
def test_each_sync_is_audited_with_ids_and_counts_only(device, field):
    session = field["session"]
    changes = week_of_work(session)
    device.outcomes(changes)
    device.outcomes(changes)
    uploads = SyncRecord.objects.filter(action="upload").order_by("at", "pk")
    assert [(r.applied, r.replayed, r.refused) for r in uploads] == [
        (len(changes), 0, 0),
        (0, len(changes), 0),
    ]
    assert uploads[0].session_ids == [session.pk]
    assert uploads[0].token_id == device.token_id and uploads[0].user == field["trainer"]
    stored = " ".join(
        str(value) for record in SyncRecord.objects.all() for value in record.__dict__.values()
    )
    assert "TUR-25-000777" not in stored


@pytest.mark.django_db
def test_sync_is_throttled_per_device(client, field, settings):
    settings.PDO_FIELD_SYNC_RATE = "2/m"
    phone, tablet = Device(client, "trainer", "Phone"), Device(client, "trainer", "Tablet")
    assert [phone.sync([]).status_code for _ in range(3)] == [200, 200, 429]
    assert tablet.sync([]).status_code == 200


@pytest.mark.django_db
def test_the_openapi_document_is_published(client, db):
    document = client.get("/api/field/openapi.json").json()
    assert {"/api/field/tokens", "/api/field/sessions", "/api/field/sync"} <= set(document["paths"])
    kinds = document["components"]["schemas"]["Batch"]["properties"]["changes"]["items"]
    assert kinds["discriminator"]["propertyName"] == "kind"


@pytest.mark.django_db
def test_an_upload_takes_as_many_queries_for_many_rows_as_for_few(device, field):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.training.factories import TrainingSessionFactory

    device.sync([])  # the token's first use is written down (then once a minute)
    counts = []
    for people in (2, 12):
        session = TrainingSessionFactory(
            curriculum=field["curriculum"],
            location=field["camp"],
            days=near_today(-3, -2, -1),
            participants=people,
        )
        changes = week_of_work(session)
        changes[-3]["case_reference"] = f"TUR-25-{people:06d}"
        with CaptureQueriesContext(connection) as queries:
            assert {item["status"] for item in device.outcomes(changes).values()} == {"applied"}
        counts.append(len(queries))
    assert counts[0] == counts[1]
