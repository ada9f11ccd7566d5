"""Gunicorn config for benchmarks/load.py: the production config (pdo_site/gunicorn.conf.py)
unchanged, plus two hooks that record each request's CPU time (its thread's, so other
threads' work is not counted) under the kind the load driver names in ``X-Bench-Kind``."""

import os
import runpy
import threading
import time
from pathlib import Path

_production = runpy.run_path(
    str(Path(__file__).resolve().parent.parent / "pdo_site" / "gunicorn.conf.py")
)
globals().update({k: v for k, v in _production.items() if not k.startswith("__")})

_LOG_DIR = os.environ["BENCH_CPU_LOG_DIR"]
_local = threading.local()
_lock = threading.Lock()
_files = {}


def pre_request(worker, req):
    _local.cpu = time.thread_time()


def post_request(worker, req, environ, resp):
    cpu_ms = (time.thread_time() - getattr(_local, "cpu", time.thread_time())) * 1000
    kind = environ.get("HTTP_X_BENCH_KIND", "-")
    with _lock:
        log = _files.get(os.getpid())
        if log is None:
            log = _files[os.getpid()] = open(  # noqa: SIM115 (kept open for the process)
                Path(_LOG_DIR) / f"cpu-{os.getpid()}.log", "a", buffering=1, encoding="utf-8"
            )
        log.write(f"{kind}\t{cpu_ms:.3f}\n")
