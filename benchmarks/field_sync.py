"""Benchmark: a week of offline work synced in one batch, through the real API.

A 300-participant, 5-day session: every mark of the week (1,500), both test scores
of everyone (600), 10 participants added on the spot with their 50 marks, and the
session notes, as one upload of 2,171 changes. Reported: server wall and CPU time,
queries, request and response size; then the same batch sent again (a retry after a
lost response), which must change nothing and cost little; and the download of the
session before the week. A fresh session per run; median of the runs.

Run by hand:
    .venv/bin/python benchmarks/field_sync.py                      # SQLite (var/)
    .venv/bin/python benchmarks/field_sync.py --postgres NAME      # PostgreSQL database NAME
The PostgreSQL database (127.0.0.1:5432, trust auth) is dropped and created afresh.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE, DAYS, ADDED = 300, 5, 10


def fresh_database(postgres):
    if postgres:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{postgres}"')
            c.execute(f'CREATE DATABASE "{postgres}"')
        url = f"postgres://postgres@127.0.0.1:5432/{postgres}"
    else:
        path = ROOT / "var" / "bench-field-sync.sqlite3"
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "pdo_site.settings.dev"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.environ.update(env, ALLOWED_HOSTS="*", PDO_FIELD_SYNC_RATE="10000/m")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def setup():
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from courses.curricula.models import CurriculumIndexPage, CurriculumPage
    from courses.training.models import Location
    from pdo_site.demo import ensure_site_tree

    call_command("update_translation_fields", verbosity=0)
    home = ensure_site_tree()
    index = CurriculumIndexPage(title="Curricula", slug="curricula", title_en="Curricula")
    home.add_child(instance=index)
    curriculum = CurriculumPage(
        title="PDO Finland", slug="pdo", audience="refugees", destination="finland", summary="s"
    )
    index.add_child(instance=curriculum)
    curriculum.save_revision().publish()
    trainer = User.objects.create_user("trainer", password="bench-password-123")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    return trainer, curriculum, Location


def new_session(curriculum, Location, trainer, run):
    import datetime

    from courses.training.models import TrainingSession
    from tests.training.factories import fill_session

    camp = Location.objects.create(country="Turkey", site_name=f"Camp {run}", kind="camp")
    camp.trainers.add(trainer)
    session = TrainingSession.objects.create(
        curriculum=curriculum, location=camp, delivery_language="ar", destination="finland"
    )
    start = datetime.date.today() - datetime.timedelta(days=DAYS)
    reference = f"B{chr(65 + run)}X-26-{{:06d}}".format
    return fill_session(session, participants=PEOPLE, days=DAYS, start=start, reference=reference)


def week_batch(downloaded, run):
    """The changes a device queues over the week, based on what it downloaded."""
    statuses = ["present", "present", "present", "late", "absent"]
    changes = []
    for row in downloaded["enrolments"]:
        for n, mark in enumerate(row["marks"]):
            changes.append(
                {
                    "uuid": str(uuid.uuid4()),
                    "kind": "attendance",
                    "enrolment": row["id"],
                    "day": mark["day"],
                    "status": statuses[(row["number"] + n) % 5],
                    "version": mark["version"],
                }
            )
        for test, value in (("pre", 30 + row["number"] % 40), ("post", 60 + row["number"] % 40)):
            changes.append(
                {
                    "uuid": str(uuid.uuid4()),
                    "kind": "score",
                    "enrolment": row["id"],
                    "test": test,
                    "value": str(value),
                    "version": row[test]["version"],
                }
            )
    empty = downloaded["enrolments"][0]["marks"][0]["version"]
    for n in range(ADDED):
        added = {
            "uuid": str(uuid.uuid4()),
            "kind": "participant",
            "session": downloaded["id"],
            "case_reference": f"N{chr(65 + run)}W-26-{n:06d}",
            "sex": "female",
            "year_of_birth": "1991",
            "nationality": "Afghan",
        }
        changes.append(added)
        changes += [
            {
                "uuid": str(uuid.uuid4()),
                "kind": "attendance",
                "enrolment": added["uuid"],
                "day": day["date"],
                "status": "present",
                "version": empty,
            }
            for day in downloaded["days"]
        ]
    changes.append(
        {
            "uuid": str(uuid.uuid4()),
            "kind": "note",
            "session": downloaded["id"],
            "text": "Day 3 moved indoors (rain).",
            "version": downloaded["notes"]["version"],
        }
    )
    return json.dumps({"changes": changes})


def timed_request(function):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        wall, cpu = time.perf_counter(), time.process_time()
        response = function()
        wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
    assert response.status_code == 200, response.content[:500]
    return wall, cpu, len(queries), len(response.content), response


def one_run(client, headers, session, run):
    from courses.training.models import Attendance, Enrolment

    down = timed_request(
        lambda: client.get("/api/field/sessions", {"location": session.location_id}, **headers)
    )
    downloaded = down[4].json()["sessions"][0]
    body = week_batch(downloaded, run)

    def send():
        return client.post("/api/field/sync", body, content_type="application/json", **headers)

    first, second = timed_request(send), timed_request(send)
    outcomes = first[4].json()
    assert outcomes["applied"] == len(json.loads(body)["changes"]), outcomes["refused"]
    assert all(item["replayed"] for item in second[4].json()["outcomes"])
    assert Attendance.objects.filter(day__session=session).count() == (PEOPLE + ADDED) * DAYS
    assert Enrolment.objects.filter(session=session).count() == PEOPLE + ADDED
    return down[:4], first[:4], second[:4], len(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", metavar="DATABASE", help="PostgreSQL database to use")
    args = parser.parse_args()
    fresh_database(args.postgres)
    from django.test import Client

    trainer, curriculum, Location = setup()
    client = Client()
    token = client.post(
        "/api/field/tokens",
        {"username": "trainer", "password": "bench-password-123", "device_name": "Bench"},
        content_type="application/json",
    ).json()["token"]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    one_run(client, headers, new_session(curriculum, Location, trainer, 0), 0)  # warm-up
    results = [
        one_run(client, headers, new_session(curriculum, Location, trainer, run), run)
        for run in range(1, args.runs + 1)
    ]
    engine = "PostgreSQL" if args.postgres else "SQLite"
    size = results[0][3]
    print(f"Field sync on {engine}, {PEOPLE} participants × {DAYS} days, median of {args.runs}:")
    for index, label in (
        (0, "download before the week"),
        (1, "upload, first time"),
        (2, "same batch again"),
    ):
        wall, cpu, queries, answer = (
            statistics.median(r[index][n] for r in results) for n in range(4)
        )
        print(
            f"  {label:25s} {wall:7.0f} ms wall {cpu:7.0f} ms CPU {queries:5.0f} queries "
            f"response {answer / 1024:6.0f} KiB"
        )
    print(f"  request body of the upload: {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
