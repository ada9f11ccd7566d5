"""Benchmark: recording at camp scale on PostgreSQL.

- Attendance sheet save, 300 participants × 10 days (every cell changed, scores
  entered), through the real admin view, beside the same save of a 10 × 10 sheet:
  queries (which must not grow with the sheet), wall time and CPU time.
- Case-list import of 2,000 rows (CSV, preview then confirm, through the real view),
  beside the same import of 200 rows: wall and CPU time, peak Python memory.

The two sides alternate, run after run, so both see the same load from whatever else
the machine runs. Every response's status is checked.

Run by hand: .venv/bin/python benchmarks/training.py [--runs 5]
Needs PostgreSQL at 127.0.0.1:5432 (trust auth); uses the scratch database
"pdo_bench_training", created afresh each run.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "pdo_bench_training"
URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"


def fresh_database():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        c.execute(f'CREATE DATABASE "{DATABASE}"')
    env = {**os.environ, "DATABASE_URL": URL, "DJANGO_SETTINGS_MODULE": "pdo_site.settings.dev"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.environ.update(
        DJANGO_SETTINGS_MODULE="pdo_site.settings.dev", DATABASE_URL=URL, ALLOWED_HOSTS="*"
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def measure(function):
    """(wall ms, CPU ms, result) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def setup():
    import datetime

    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from courses.curricula.models import CurriculumIndexPage, CurriculumPage
    from courses.training.models import Location
    from courses.training.models import TrainingSession as Session
    from pdo_site.demo import ensure_site_tree
    from tests.training.factories import fill_session

    call_command("update_translation_fields", verbosity=0)
    home = ensure_site_tree()
    index = CurriculumIndexPage(title="Curricula", slug="curricula", title_en="Curricula")
    home.add_child(instance=index)
    curriculum = CurriculumPage(
        title="PDO Finland", slug="pdo", audience="refugees", destination="finland", summary="s"
    )
    index.add_child(instance=curriculum)
    curriculum.save_revision().publish()
    camp = Location.objects.create(country="Turkey", site_name="Camp", kind="camp")
    trainer = User.objects.create_user("trainer", password="bench-password-123")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    camp.trainers.add(trainer)

    def session(people, days, prefix):
        s = Session.objects.create(
            curriculum=curriculum, location=camp, delivery_language="ar", destination="finland"
        )
        start = datetime.date.today() - datetime.timedelta(days=days + 1)
        reference = f"{prefix}-26-{{:06d}}".format
        return fill_session(s, participants=people, days=days, start=start, reference=reference)

    return trainer, session(300, 10, "BIG"), session(10, 10, "SML"), session(0, 1, "IMP")


def sheet_save(client, session, status):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("training:attendance", args=[session.pk])
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    sheet = response.context["sheet"]
    data = {"action": "save", "base": sheet.base_json()}
    for row in sheet.rows:
        for cell in row.cells:
            data[f"mark-{row.enrolment.number}-{cell.day.pk}"] = status
        data[f"pre-{row.enrolment.number}"] = "40" if status == "present" else "45"
        data[f"post-{row.enrolment.number}"] = "70"
    with CaptureQueriesContext(connection) as queries:
        wall, cpu, response = measure(lambda: client.post(url, data))
    assert response.status_code == 302, response.status_code
    return wall, cpu, len(queries), len(data)


def import_list(client, session, rows, serial):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    lines = ["case_reference;sex;year_of_birth;nationality"] + [
        f"{PREFIXES[serial]}-26-{n:06d};{'F' if n % 2 else 'M'};15/03/{1950 + n % 60};Syrian"
        for n in range(rows)
    ]
    upload = SimpleUploadedFile("cases.csv", "\n".join(lines).encode("utf-8"))
    url = reverse("training:import_participants", args=[session.pk])
    tracemalloc.start()
    wall_p, cpu_p, preview = measure(lambda: client.post(url, {"case_list": upload}))
    assert preview.status_code == 200 and preview.context["error_count"] == 0
    payload = preview.context["payload"]
    wall_c, cpu_c, confirm = measure(lambda: client.post(url, {"payload": payload}))
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert confirm.status_code == 302, confirm.status_code
    return wall_p, cpu_p, wall_c, cpu_c, peak


PREFIXES = [f"I{a}{b}" for a in "ABCDEFGH" for b in "ABCDEFGH"]  # case references: 3 letters


def median(values):
    return statistics.median(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    fresh_database()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # responses carry their template context, as in tests

    trainer, big, small, imports = setup()
    client = Client()
    client.force_login(trainer)
    sheet_save(client, small, "late")  # warm-up: imports, templates, first queries
    results = {"big": [], "small": []}
    for run in range(args.runs):
        status = ["present", "late", "absent"][run % 3]
        results["big"].append(sheet_save(client, big, status))
        results["small"].append(sheet_save(client, small, status))
    print(f"Attendance sheet save on PostgreSQL, every cell changed, median of {args.runs}:")
    for name, label in (("big", "300 × 10"), ("small", " 10 × 10")):
        wall, cpu, queries, fields = (median(col) for col in zip(*results[name], strict=True))
        print(
            f"  {label}: {wall:7.0f} ms wall, {cpu:7.0f} ms CPU, {queries:3.0f} queries, "
            f"{fields:5.0f} form fields"
        )
    big_q = median([r[2] for r in results["big"]])
    small_q = median([r[2] for r in results["small"]])
    big_cpu = median([r[1] for r in results["big"]])
    small_cpu = median([r[1] for r in results["small"]])
    print(
        f"  ratio 300×10 / 10×10: queries {big_q / small_q:.2f}×, CPU {big_cpu / small_cpu:.1f}× "
        f"for 30× the cells"
    )

    results = {2000: [], 200: []}
    for run in range(args.runs):
        for rows in (2000, 200):
            results[rows].append(import_list(client, imports, rows, run * 2 + (rows == 200)))
    print(f"\nCase-list import (CSV, preview then confirm), median of {args.runs}:")
    for rows in (2000, 200):
        wall_p, cpu_p, wall_c, cpu_c, peak = (median(c) for c in zip(*results[rows], strict=True))
        print(
            f"  {rows:5d} rows: preview {wall_p:6.0f} ms wall / {cpu_p:6.0f} ms CPU, "
            f"confirm {wall_c:6.0f} ms wall / {cpu_c:6.0f} ms CPU, peak {peak:5.1f} MiB"
        )
    ratio = median([r[1] + r[3] for r in results[2000]]) / median(
        [r[1] + r[3] for r in results[200]]
    )
    print(f"  ratio 2000 / 200 rows (CPU, preview + confirm): {ratio:.1f}× for 10× the rows")


if __name__ == "__main__":
    main()
