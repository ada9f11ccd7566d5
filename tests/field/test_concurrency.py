"""Two devices syncing the same new session and participant at the same moment."""

import threading

import pytest

from django.db import connection, connections
from django.test import Client

from courses.field.versions import version_of
from courses.training.models import Attendance, Enrolment, Participant, TrainingSession
from tests.field.conftest import SYNC, Device, change, near_today

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and concurrent writers: PostgreSQL"
)


def sync_in_thread(device, changes, results, barrier):
    client = Client()
    try:
        barrier.wait()
        response = client.post(
            SYNC, {"changes": changes}, content_type="application/json", **device.headers()
        )
        results[device.token_id] = response.json()
    finally:
        connections.close_all()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_devices_opening_one_session_at_once_make_one(site_tree, client, field):
    day = near_today(5)[0]
    batches = []
    devices = [Device(client, "trainer", name) for name in ("Phone", "Tablet")]
    for _device in devices:
        opened = change(
            "session",
            location=field["camp"].pk,
            curriculum=field["curriculum"].pk,
            delivery_language="ar",
            destination="finland",
            days=[{"date": day, "start_time": "09:00", "end_time": "12:00"}],
        )
        added = change(
            "participant",
            session=opened["uuid"],
            case_reference="TUR-25-000444",
            sex="female",
            year_of_birth="2001",
            nationality="Syrian",
        )
        marked = change(
            "attendance",
            enrolment=added["uuid"],
            day=day,
            status="present",
            version=version_of(""),
        )
        batches.append([opened, added, marked])
    results, barrier = {}, threading.Barrier(2)
    threads = [
        threading.Thread(target=sync_in_thread, args=(device, batch, results, barrier))
        for device, batch in zip(devices, batches, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = {item["status"] for result in results.values() for item in result["outcomes"]}
    assert statuses == {"applied"}, results
    session = TrainingSession.objects.get(location=field["camp"], first_day=day)
    assert Participant.objects.filter(case_reference="TUR-25-000444").count() == 1
    assert Enrolment.objects.filter(session=session).count() == 1
    assert Attendance.objects.filter(day__session=session).count() == 1
