"""Benchmark: training reports over 1,000,000 attendance rows on PostgreSQL.

Generates (once; pass --regenerate to start over) a year of sessions in a scratch
PostgreSQL database, then times in the same run:

- the participants-trained figures computed live from the raw tables with the summaries'
  counting rule (first attended day per participant and curriculum), beside the same
  figures read from the summary table, interleaved, wall time and PostgreSQL CPU time,
  and checked equal;
- each report as served (a full admin request, HTML and CSV), from the summary tables;
- an attendance sheet save, which keeps the summaries current;
- the quarterly report pack (PDF and XLSX) of the busiest quarter;

and checks that the summaries equal the live computation. Every response's status is
checked, in every timed request.

Run by hand: .venv/bin/python benchmarks/reports.py [--rows 1000000] [--regenerate]
Needs PostgreSQL at 127.0.0.1:5432 (trust auth); uses the database "pdo_bench"
(PDO_BENCH_DATABASE=name to use another).
"""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = os.environ.get("PDO_BENCH_DATABASE", "pdo_bench")
URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
DAYS, PER_SESSION = 5, 40

# The summaries' counting rule, computed live: a participant counts once per curriculum,
# in the quarter, place and age of their first attended day (courses/training/summaries.py).
LIVE_SQL = """
WITH firsts AS (
    SELECT DISTINCT ON (a.participant_id, s.curriculum_id)
           a.participant_id, d.date, s.destination, s.location_id
    FROM training_attendance a
    JOIN training_sessionday d ON d.id = a.day_id
    JOIN training_trainingsession s ON s.id = d.session_id
    WHERE a.status IN ('present', 'late')
    ORDER BY a.participant_id, s.curriculum_id, d.date, d.session_id
)
SELECT date_trunc('quarter', f.date)::date AS quarter, f.destination, f.location_id, p.sex,
       CASE WHEN extract(year FROM f.date) - p.year_of_birth <= 5 THEN '0-5'
            WHEN extract(year FROM f.date) - p.year_of_birth <= 17 THEN '6-17'
            WHEN extract(year FROM f.date) - p.year_of_birth <= 59 THEN '18-59'
            ELSE '60+' END AS age_group,
       p.nationality, COUNT(*) AS participants
FROM firsts f
JOIN training_participant p ON p.id = f.participant_id
GROUP BY 1, 2, 3, 4, 5, 6
"""
# The same figures read from the summary table the reports use.
SUMMARY_SQL = """
SELECT quarter, destination, location_id, sex, age_group, nationality, count
FROM training_trainedcount WHERE count > 0
"""


def ensure_database():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not exists:
            c.execute(f'CREATE DATABASE "{DATABASE}"')
            return True
    return False


def setup_django():
    os.environ.update(
        DJANGO_SETTINGS_MODULE="pdo_site.settings.dev",
        DATABASE_URL=URL,
        ALLOWED_HOSTS="*",
        DEBUG="false",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def generate(rows):
    import random

    from django.contrib.auth.models import Group, User

    from courses.curricula.models import CurriculumIndexPage, CurriculumPage
    from courses.training.models import (
        Attendance,
        Enrolment,
        Location,
        Participant,
        SessionDay,
        TrainingSession,
    )
    from pdo_site.demo import ensure_site_tree

    rng = random.Random(1)
    home = ensure_site_tree()
    index = CurriculumIndexPage(title="Curricula", slug="curricula")
    home.add_child(instance=index)
    curricula = []
    for destination in ("finland", "iceland"):
        page = CurriculumPage(
            title=f"PDO {destination}",
            slug=f"pdo-{destination}",
            audience="refugees",
            destination=destination,
            summary="s",
        )
        index.add_child(instance=page)
        curricula.append(page)
    locations = [
        Location.objects.create(country="Turkey", site_name=name, kind=kind)
        for name, kind in (("Istanbul", "city"), ("Ankara", "city"), ("Hatay camp", "camp"))
    ]
    manager = User.objects.create_user("manager", password="bench-password-123")
    manager.groups.add(Group.objects.get(name="Programme managers"))

    sessions_needed = rows // (DAYS * PER_SESSION)
    start = datetime.date.today() - datetime.timedelta(days=3 * 365)
    nationalities = ["Syrian", "Afghan", "Iraqi", "Iranian", "Eritrean", "Somali"]
    serial = 0
    t0 = time.perf_counter()
    for batch_start in range(0, sessions_needed, 500):
        count = min(500, sessions_needed - batch_start)
        sessions = [
            TrainingSession(
                curriculum=rng.choice(curricula),
                location=rng.choice(locations),
                delivery_language="ar",
                destination="finland",
                status="held",
            )
            for _ in range(count)
        ]
        for session in sessions:
            session.destination = session.curriculum.destination
        TrainingSession.objects.bulk_create(sessions)
        days, participants, enrolments, marks = [], [], [], []
        for session in sessions:
            first = start + datetime.timedelta(days=rng.randint(0, 3 * 365))
            session.first_day = first
            session_days = [
                SessionDay(
                    session=session,
                    date=first + datetime.timedelta(days=i),
                    start_time=datetime.time(9),
                    end_time=datetime.time(15),
                )
                for i in range(DAYS)
            ]
            days += session_days
            for number in range(1, PER_SESSION + 1):
                serial += 1
                person = Participant(
                    case_reference=f"BEN-{first:%y}-{serial:07d}",
                    sex=rng.choice(["female", "male"]),
                    year_of_birth=first.year - rng.randint(0, 80),
                    nationality=rng.choice(nationalities),
                    destination=session.destination,
                    location=session.location,
                )
                participants.append(person)
                pre = rng.randint(20, 70)
                enrolments.append(
                    Enrolment(
                        session=session,
                        participant=person,
                        number=number,
                        track="adults",
                        pre_test_score=pre,
                        post_test_score=min(100, pre + rng.randint(-5, 30)),
                    )
                )
                for day in session_days:
                    marks.append(
                        Attendance(
                            day=day,
                            participant=person,
                            status=rng.choices(["present", "late", "absent"], [88, 6, 6])[0],
                        )
                    )
        TrainingSession.objects.bulk_update(sessions, ["first_day"])
        SessionDay.objects.bulk_create(days, batch_size=5000)
        Participant.objects.bulk_create(participants, batch_size=5000)
        Enrolment.objects.bulk_create(enrolments, batch_size=5000)
        Attendance.objects.bulk_create(marks, batch_size=10000)
        done = batch_start + count
        print(
            f"  {done}/{sessions_needed} sessions, {done * DAYS * PER_SESSION} marks "
            f"({time.perf_counter() - t0:.0f} s)",
            flush=True,
        )


def exported(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def timed(function, runs=7):
    values = []
    for _ in range(runs):
        t = time.perf_counter()
        function()
        values.append((time.perf_counter() - t) * 1000)
    return statistics.median(values), min(values)


def interleaved(sides, runs):
    """{name: (wall ms median, server CPU ms median, last result)}: the sides alternate run
    after run. Server CPU is the PostgreSQL backend's own (from /proc), beside the wall."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    ticks = os.sysconf("SC_CLK_TCK")

    def backend_cpu():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks * 1000

    samples = {name: ([], [], None) for name in sides}
    for number in range(runs):
        order = list(sides.items()) if number % 2 == 0 else list(sides.items())[::-1]
        for name, function in order:
            cpu, wall = backend_cpu(), time.perf_counter()
            result = function()
            wall, cpu = (time.perf_counter() - wall) * 1000, backend_cpu() - cpu
            walls, cpus, _last = samples[name]
            samples[name] = ([*walls, wall], [*cpus, cpu], result)
    return {
        name: (statistics.median(walls), statistics.median(cpus), result)
        for name, (walls, cpus, result) in samples.items()
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    if args.regenerate:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
    created = ensure_database()
    env = {**os.environ, "DATABASE_URL": URL, "DJANGO_SETTINGS_MODULE": "pdo_site.settings.dev"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from courses.training.models import Attendance, SessionSummary, TrainingSession
    from courses.training.summaries import rebuild_summaries
    from tests.training.oracles import live_trained_counts, summary_trained_counts

    if created or not Attendance.objects.exists():
        print(f"Generating {args.rows:,} attendance rows ...")
        generate(args.rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    t = time.perf_counter()
    rebuild_summaries()
    print(
        f"Summaries rebuilt from the raw tables in {time.perf_counter() - t:.1f} s "
        f"({SessionSummary.objects.count():,} session rows)"
    )
    total = Attendance.objects.count()
    print(f"\nAttendance rows: {total:,}; sessions: {TrainingSession.objects.count():,}")

    def query(sql):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return Counter({tuple(row[:-1]): row[-1] for row in cursor.fetchall()})

        return run

    sides = {"live from the raw tables": query(LIVE_SQL), "from the summary": query(SUMMARY_SQL)}
    results = interleaved(sides, runs=5)
    (live_wall, live_cpu, live), (summary_wall, summary_cpu, summary) = results.values()
    print("Participants trained, same counting rule, both sides interleaved (median of 5):")
    for name, (wall, cpu, _result) in results.items():
        print(f"  {name:26} {wall:8.1f} ms wall {cpu:8.1f} ms PostgreSQL CPU")
    print(
        f"  summary: {live_wall / summary_wall:.0f}× faster (wall), "
        f"{live_cpu / max(summary_cpu, 0.001):.0f}× less server CPU; "
        f"same figures: {live == summary}"
    )
    assert live == summary, "the live figures and the summary differ"

    client = Client()
    client.login(username="manager", password="bench-password-123")
    for name in ("participants_trained", "sessions_delivered"):
        url = reverse(f"training_reports:{name}")
        assert client.get(url).status_code == 200  # warm
        median, best = timed(lambda url=url: exported(client, url))
        print(f"Report {name:22} HTML as served: {median:6.1f} ms median ({best:.1f} best)")
        median, best = timed(lambda url=url: exported(client, url + "?export=csv"))
        print(f"Report {name:22} CSV export:     {median:6.1f} ms median ({best:.1f} best)")

    session = TrainingSession.objects.order_by("-pk").first()
    url = reverse("training:attendance", args=[session.pk])
    cells = [
        f"mark-{enrolment.number}-{day.pk}"
        for enrolment in session.enrolments.all()
        for day in session.ordered_days
    ]
    statuses = iter(["absent", "present", "late"] * 5)

    def save_sheet():
        status = next(statuses)  # every cell changes on every save
        response = client.post(url, {"action": "save", **{cell: status for cell in cells}})
        assert response.status_code == 302, response.status_code

    median, best = timed(save_sheet, runs=5)
    print(
        f"Attendance sheet save ({len(cells)} cells changed, summaries kept current): "
        f"{median:.0f} ms median"
    )

    import tempfile

    from django.db.models import Sum

    from courses.training.models import TrainedCount
    from courses.training.report_pack import build_pack

    busiest = (
        TrainedCount.objects.filter(destination="finland")
        .values("quarter")
        .annotate(people=Sum("count"))
        .order_by("-people")
        .first()
    )
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(3):
            wall, cpu = time.perf_counter(), time.process_time()
            pdf, xlsx = build_pack(busiest["quarter"], "finland", folder)
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            assert pdf.read_bytes().startswith(b"%PDF") and xlsx.stat().st_size > 0
    print(
        f"Quarterly report pack (PDF + XLSX), {busiest['quarter']} Finland, "
        f"{busiest['people']:,} participants trained: {statistics.median(walls):.0f} ms wall, "
        f"{statistics.median(cpus):.0f} ms CPU (median of 3)"
    )

    t = time.perf_counter()
    equal = summary_trained_counts() == live_trained_counts()
    print(
        f"Summaries equal the live computation: {equal} "
        f"(checked in {time.perf_counter() - t:.1f} s)"
    )


if __name__ == "__main__":
    main()
