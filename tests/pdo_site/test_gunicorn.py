"""The production server configuration, run for real: gunicorn with pdo_site/gunicorn.conf.py.

Pointed at a PostgreSQL port where nothing listens (the shared server is not stopped):
the process stays alive, liveness answers at once, readiness and pages say 503.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=10):
    """(status, body, seconds)."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), time.monotonic() - started


@pytest.mark.slow
def test_gunicorn_with_the_database_unreachable_answers_503_and_stays_alive():
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL"}},
        "DJANGO_SETTINGS_MODULE": "pdo_site.settings.test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nothing",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [gunicorn, "-c", "pdo_site/gunicorn.conf.py", "pdo_site.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body, _seconds = fetch(base + "/healthz", timeout=2)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no gunicorn"
                time.sleep(0.5)
        assert status == 200 and body == '{"status": "ok"}'
        status, body, seconds = fetch(base + "/healthz")
        assert status == 200 and seconds < 1

        status, body, seconds = fetch(base + "/healthz/ready")
        assert status == 503 and '"database": "unavailable"' in body and seconds < 2
        for path, lang in [("/en/", 'lang="en"'), ("/ar/", 'lang="ar" dir="rtl"')]:
            status, body, seconds = fetch(base + path)
            assert status == 503, path
            assert lang in body and "<h1>" in body and seconds < 2
        assert server.poll() is None  # the worker survived all of it
    finally:
        server.terminate()
        _out, errors = server.communicate(timeout=30)
    assert "Service Unavailable: /en/" in errors  # logged, as a 503
