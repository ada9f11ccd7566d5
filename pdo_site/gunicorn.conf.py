"""Gunicorn settings for production: ``gunicorn -c pdo_site/gunicorn.conf.py pdo_site.wsgi``.

Every value can be changed with an environment variable (``GUNICORN_*``, ``PORT``). Why
these values (measured on the 2-core machines, docs/resilience.md):

- ``gthread`` workers, one process per core plus one, four threads each. Page rendering is
  CPU-bound, so more processes than cores only add memory; threads let a process answer
  ``/healthz`` and cheap requests (a cached page, a PDF download) while another thread
  renders, and keep slow clients and database waits from blocking a whole process as
  sync workers do (with 4 sync workers a saturated server missed 7 of 8 health probes).
- ``timeout`` 30 s: a request that takes longer is a bug or a stuck dependency; the
  worker is replaced. Long work (PDFs) runs in task workers, not in requests.
- ``keepalive`` 5 s: behind a reverse proxy that reuses connections (nginx ``keepalive``)
  a short keep-alive saves a TCP handshake per request without holding threads on idle
  connections; the proxy's own idle timeout should be longer than this.
- ``max_requests`` with jitter: processes are recycled now and then (slow leaks, memory
  fragmentation after big imports), not all at once.
- ``preload_app``: the code is imported once and shared copy-on-write; database and Redis
  connections are opened lazily after the fork, so nothing is shared that must not be.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
# Heartbeat files in memory: a slow /tmp disk must not make the arbiter kill workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # nosec B108
# Behind a reverse proxy on the same host or network; it sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"


def post_worker_init(worker):
    """Build lazily made, thread-unsafe class state before the threads race for it.

    Wagtail's ``RoutablePageMixin.get_resolver`` builds each class's URL resolver on
    first use by iterating over class ``__dict__``s; two threads doing it at once failed
    with "dictionary changed size during iteration" (a 500) on a freshly started worker.
    """
    from django.apps import apps  # noqa: PLC0415 (the app is loaded by now)

    from wagtail.contrib.routable_page.models import RoutablePageMixin  # noqa: PLC0415

    for model in apps.get_models():
        if issubclass(model, RoutablePageMixin):
            model.get_resolver()
