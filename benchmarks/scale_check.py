"""Scale-out check (``make scale-check``): two web processes and two task workers sharing
one PostgreSQL database, Redis and S3-compatible media, all on loopback.

Starts moto's S3 server, two gunicorn servers (production settings and config, ports
8212 and 8213) and two ``task_worker`` processes, then shows, with assertions:

1. a PDF asked for on one server is built once (one row, one object in the bucket, no
   local file) and served by either server from the bucket (302 to a signed URL whose
   bytes are that PDF);
2. a publish (by a third process, as the editor's would be) makes both servers drop
   their cached copy of the page: the next request on each is a miss with the new title;
3. the worker rendering a long document is killed with SIGKILL; the other worker
   finishes the build within 2 minutes and nothing is left RUNNING or rendering.

Every process it starts is stopped on exit, on failure and on Ctrl-C. Needs the
``scale`` extra (moto[server]) and the test tools (the page factories).

Run: .venv/bin/python benchmarks/scale_check.py [--database scale2] [--redis URL]
"""

import argparse
import atexit
import http.client
import os
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "scale"
BUCKET = "pdo-scale-check"
LEASE_SECONDS = 10
LONG_PARAGRAPHS = 500
started = []


def stop_all():
    for process in reversed(started):
        if process.poll() is None:
            process.terminate()
    for process in reversed(started):
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    started.clear()


def on_signal(signum, _frame):
    stop_all()
    sys.exit(128 + signum)


def start(name, command, env):
    log = open(OUT / f"{name}.log", "w")  # noqa: SIM115 (the process writes to it)
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    started.append(process)
    return process


def environment(args):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pdo_site.settings.production",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "REDIS_URL": args.redis,
        "SECRET_KEY": "scale-check-only-key-" + "x" * 40,
        "PDO_ENCRYPTION_KEYS": "scale-check-only-participant-key",
        "PDO_STAFF_MFA_REQUIRED": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(OUT / "static"),
        "MEDIA_ROOT": str(OUT / "media"),
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{args.s3_port}",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "scale-check",
        "AWS_SECRET_ACCESS_KEY": "scale-check",
        "PDO_BUILD_LEASE_SECONDS": str(LEASE_SECONDS),
        "GUNICORN_WORKERS": "2",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def wait_until(what, predicate, timeout, interval=0.3):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def get(port, path, host="127.0.0.1"):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": f"{host}:{port}"})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    except OSError:
        return None, {}, b""
    finally:
        connection.close()


def fetch(url):
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return get(parts.port, path, parts.hostname)


def prepare(env, args):
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
        c.execute(f'CREATE DATABASE "{args.database}"')
    for command in (
        ["compilemessages", "--ignore=.venv", "-v", "0"],
        ["migrate", "--noinput", "-v", "0"],
        ["update_translation_fields", "-v", "0"],
        ["set_translation_url_paths", "-v", "0"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def make_bucket(args):
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{args.s3_port}",
        region_name="us-east-1",
        aws_access_key_id="scale-check",
        aws_secret_access_key="scale-check",
    )
    wait_until("moto's S3 server", lambda: _answers(s3), 30)
    s3.create_bucket(Bucket=BUCKET)
    return s3


def _answers(s3):
    try:
        s3.list_buckets()
    except Exception:  # not up yet
        return False
    return True


def content():
    """A short module (for the PDF and the publish) and a long one (for the kill)."""
    from django_tasks_db.models import DBTaskResult

    from materials.models import RenderedDocument
    from pdo_site.demo import ensure_site_tree
    from tests.curricula.factories import (
        CurriculumIndexPageFactory,
        CurriculumPageFactory,
        ModulePageFactory,
    )

    index = CurriculumIndexPageFactory(parent=ensure_site_tree())
    course = CurriculumPageFactory(parent=index, title="Scale-out course")
    short = ModulePageFactory(parent=course, title="Arriving in Finland")
    text = "<p>" + "What to expect in the first weeks, and who helps with what. " * 40 + "</p>"
    body = [{"type": "paragraph", "value": text} for _ in range(LONG_PARAGRAPHS)]
    long = ModulePageFactory(parent=course, title="A long module", body=body)
    # Publishing queued prebuilds; this check asks for what it builds itself.
    DBTaskResult.objects.all().delete()
    RenderedDocument.objects.all().delete()
    return short, long


def check_pdf(s3, short, ports):
    from django.utils import translation

    from materials.models import RenderedDocument

    with translation.override("en"):
        pdf_path = short.pdf_url("handout")
    status, _headers, _body = get(ports[0], pdf_path)
    assert status in (200, 202, 302), f"asking for the PDF on :{ports[0]} answered {status}"

    def ready():
        return RenderedDocument.objects.ready().filter(page=short, variant="handout").first()

    document = wait_until("the handout to be built", ready, 180)
    rows = RenderedDocument.objects.filter(page=short, variant="handout").count()
    objects = [o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    local = list((OUT / "media").rglob("*.pdf")) if (OUT / "media").exists() else []
    assert rows == 1 and objects == [document.file.name] and not local, (rows, objects, local)
    served = []
    for port in ports:
        status, headers, _body = get(port, pdf_path)
        assert status == 302, f"page PDF URL on :{port}: {status}"
        stored = urllib.parse.urlsplit(headers["location"]).path
        status, headers, _body = get(port, stored)
        assert status == 302, f"stored PDF on :{port}: {status}"
        assert "immutable" in headers.get("cache-control", ""), headers
        signed = headers["location"]
        assert signed.startswith(os.environ["AWS_S3_ENDPOINT_URL"]), signed
        status, _headers, pdf = fetch(signed)
        assert status == 200 and pdf.startswith(b"%PDF"), (status, pdf[:20])
        served.append(pdf)
    in_bucket = s3.get_object(Bucket=BUCKET, Key=document.file.name)["Body"].read()
    assert served[0] == served[1] == in_bucket
    return (
        f"PDF built once ({rows} row, {len(objects)} object in the bucket, no local file, "
        f"{len(in_bucket) // 1024} KB); served by :{ports[0]} and :{ports[1]} as 302 → "
        f"signed S3 URL, same bytes as the bucket"
    )


def check_kill(long, workers):
    from django_tasks_db.models import DBTaskResult

    from materials import tasks
    from materials.models import RenderedDocument

    document = tasks.request_document(long, "en", "handout")

    def rendering():
        row = RenderedDocument.objects.filter(pk=document.pk).values("status", "leased_by")
        row = row.first()
        return row if row["status"] == "rendering" and row["leased_by"] else None

    leased_by = wait_until("the long build to start", rendering, 120, 0.1)["leased_by"]
    victim = next(w for w in workers if f"-{w.pid}-" in leased_by)
    other = next(w for w in workers if w is not victim)
    time.sleep(1)  # well inside WeasyPrint
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    killed_at = time.monotonic()

    def finished():
        row = RenderedDocument.objects.filter(pk=document.pk).values("status", "leased_by")
        row = row.first()
        return row if row["status"] == "ready" else None

    row = wait_until("the other worker to finish the build", finished, 120, 0.2)
    took = time.monotonic() - killed_at
    assert f"-{other.pid}-" in row["leased_by"], (row, other.pid)
    running = DBTaskResult.objects.filter(status="RUNNING").count()
    stuck = RenderedDocument.objects.filter(status="rendering").count()
    assert running == 0 and stuck == 0, (running, stuck)
    return (
        f"worker {victim.pid} killed (SIGKILL) mid-build; worker {other.pid} finished it "
        f"{took:.1f} s later (lease {LEASE_SECONDS} s, limit 120 s); "
        f"{running} task RUNNING, {stuck} document rendering"
    )


def check_publish(short, ports):
    from django.db import transaction
    from django.utils import translation

    with translation.override("en"):
        path = short.url
    for port in ports:
        get(port, path)
        status, headers, _body = get(port, path)
        assert status == 200 and headers.get("x-page-cache") == "hit", (port, status, headers)
    page = type(short).objects.get(pk=short.pk)
    page.title_en = page.title = "Arriving in Finland, revised"
    with transaction.atomic():
        page.save_revision().publish()
    for port in ports:
        status, headers, body = get(port, path)
        assert status == 200, (port, status)
        assert headers.get("x-page-cache") == "miss", (port, headers.get("x-page-cache"))
        assert b"Arriving in Finland, revised" in body, port
    return (
        f"page cached on :{ports[0]} and :{ports[1]} (hits); after a publish in another "
        "process both answered a miss with the new title"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="scale2")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--s3-port", type=int, default=8211)
    parser.add_argument("--ports", type=int, nargs=2, default=[8212, 8213])
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    env = environment(args)
    bin_dir = Path(sys.executable).parent
    start("moto", [str(bin_dir / "moto_server"), "-H", "127.0.0.1", "-p", str(args.s3_port)], env)
    print("Preparing the database (migrate, collectstatic)...", flush=True)
    prepare(env, args)
    s3 = make_bucket(args)
    from django.core.cache import caches

    caches["pages"].clear()
    short, long = content()
    for n, port in enumerate(args.ports):
        start(
            f"web{n + 1}",
            [sys.executable, "-m", "gunicorn", "-c", "pdo_site/gunicorn.conf.py", "pdo_site.wsgi"],
            {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        )
    workers = [
        start(
            f"worker{n + 1}",
            [sys.executable, "manage.py", "task_worker", "--backend", "queue"]
            + ["--no-startup-delay", "--no-reload", "--interval", "0.2"],
            env,
        )
        for n in range(2)
    ]
    for port in args.ports:
        wait_until(f"gunicorn on :{port}", lambda p=port: get(p, "/healthz/ready")[0] == 200, 60)
    print(f"Up: S3 (moto) :{args.s3_port}, web :{args.ports[0]} :{args.ports[1]}, 2 workers")
    checks = [
        ("PDF from the bucket", lambda: check_pdf(s3, short, args.ports)),
        ("worker killed", lambda: check_kill(long, workers)),
        ("page cache", lambda: check_publish(short, args.ports)),
    ]
    failed = 0
    for name, check in checks:
        try:
            print(f"  ok    {name}: {check()}", flush=True)
        except AssertionError as error:
            failed += 1
            print(f"  FAIL  {name}: {error}", flush=True)
    print(f"\nLogs in {OUT}/. {'All checks passed.' if not failed else f'{failed} failed.'}")
    stop_all()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
