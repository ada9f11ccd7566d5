"""A real worker killed with SIGKILL in the middle of a build; another one finishes it.

Runs ``manage.py task_worker`` processes against an SQLite file of their own (the
test database lives in this process's memory), with a lease of a few seconds.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 4
PARAGRAPHS = 500  # a long document: several seconds of WeasyPrint, time to kill it

SETUP = f"""
from django_tasks_db.models import DBTaskResult
from materials import tasks
from pdo_site.demo import ensure_site_tree
from tests.curricula.factories import (
    CurriculumIndexPageFactory, CurriculumPageFactory, ModulePageFactory,
)
index = CurriculumIndexPageFactory(parent=ensure_site_tree())
course = CurriculumPageFactory(parent=index, title="Long course")
text = "<p>" + "What to expect in the first weeks, and who helps with what. " * 40 + "</p>"
body = [{{"type": "paragraph", "value": text}} for _ in range({PARAGRAPHS})]
module = ModulePageFactory(parent=course, title="Long module", body=body)
DBTaskResult.objects.all().delete()  # the publishes' prebuilds: not this test's business
print(tasks.request_document(module, "en", "handout").pk)
"""


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,
    )


def start_worker(env, log):
    return subprocess.Popen(
        [sys.executable, "manage.py", "task_worker", "--backend", "queue"]
        + ["--no-startup-delay", "--no-reload", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_for(query, database, predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with sqlite3.connect(database, timeout=10) as connection:
            rows = connection.execute(query).fetchall()
        if predicate(rows):
            return rows
        time.sleep(0.2)
    raise AssertionError(f"Timed out waiting on {query!r}: {rows}")


@pytest.mark.slow
def test_a_build_whose_worker_was_killed_is_finished_by_another_worker(tmp_path):
    database = tmp_path / "queue.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}},
        "DJANGO_SETTINGS_MODULE": "pdo_site.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "PDO_BUILD_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    manage(env, "migrate", "--noinput", "-v", "0")
    with sqlite3.connect(database) as connection:
        # Several processes and threads write at once; PostgreSQL needs nothing of the sort.
        connection.execute("PRAGMA journal_mode=WAL")
    manage(env, "update_translation_fields", "-v", "0")
    manage(env, "set_translation_url_paths", "-v", "0")
    document_id = int(manage(env, "shell", "-c", SETUP).stdout.split()[-1])
    document = f"SELECT status, leased_by, heartbeat_at FROM materials_rendereddocument WHERE id = {document_id}"  # noqa: E501
    running = "SELECT worker_ids FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"

    with open(tmp_path / "workers.log", "w") as log:
        first = start_worker(env, log)
        try:
            rendering = wait_for(document, database, lambda r: r[0][0] == "rendering", 120)
            first_beat = rendering[0][2]
            # The lease is renewed while WeasyPrint works (every quarter lease).
            wait_for(document, database, lambda r: r[0][2] != first_beat, LEASE_SECONDS * 2)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
        killed_at = time.monotonic()
        status, leased_by, _beat = wait_for(document, database, bool, 5)[0]
        assert status == "rendering"  # killed mid-build: left as django-tasks-db leaves it
        assert wait_for(running, database, bool, 5)

        second = start_worker(env, log)
        try:
            finished = wait_for(document, database, lambda r: r[0][0] == "ready", 120)
            took = time.monotonic() - killed_at
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=60)
    print(f"Build finished {took:.1f} s after the kill (lease {LEASE_SECONDS} s)")
    assert took < 120
    assert finished[0][1] != leased_by  # the second worker built it
    with sqlite3.connect(database) as connection:
        assert connection.execute(running).fetchall() == []
        lost = connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE exception_class_path = 'materials.recovery.WorkerLost'"
        ).fetchone()
        copies = connection.execute(
            "SELECT count(*) FROM materials_rendereddocument WHERE page_id = "
            f"(SELECT page_id FROM materials_rendereddocument WHERE id = {document_id})"
        ).fetchone()
        workers = connection.execute("SELECT worker_id FROM materials_worker").fetchall()
    assert lost == (1,)  # the killed worker's task, failed and run again
    assert copies == (1,)  # one document, built once
    # The stopped worker removed its row (the killed one's goes after ten silent leases).
    assert (finished[0][1],) not in workers and len(workers) <= 1
