"""Health checks for load balancers and orchestrators, answered before any other middleware.

- ``GET /healthz`` (liveness): the process answers. No database, cache, session, locale
  or host check, so it stays fast on a busy server and never fails because of a
  dependency: restarting the process would not fix one.
- ``GET /healthz/ready`` (readiness): the database and each cache, separately. 503 when
  the database does not answer (this instance can serve nothing useful); 200 with
  ``"status": "degraded"`` when only a cache is down (the site works, slower).

A load balancer should route on ``/healthz/ready`` and an orchestrator restart on
``/healthz``. Both skip ``ALLOWED_HOSTS``: probes come with the instance's address.
"""

import json

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpResponse

from pdo_site.cache import ping

LIVENESS = "/healthz"
READINESS = "/healthz/ready"


def json_response(data, status=200):
    response = HttpResponse(json.dumps(data), content_type="application/json", status=status)
    response["Cache-Control"] = "no-cache, no-store, max-age=0"
    return response


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def readiness():
    database = database_ok()
    cache = {alias: "ok" if ping(caches[alias]) else "unavailable" for alias in settings.CACHES}
    if not database:
        status = "error"
    elif "unavailable" in cache.values():
        status = "degraded"
    else:
        status = "ok"
    data = {"status": status, "database": "ok" if database else "unavailable", "cache": cache}
    return json_response(data, status=200 if database else 503)


class HealthCheckMiddleware:
    """First in MIDDLEWARE: answers the two health URLs, passes everything else on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path in (LIVENESS, READINESS) and request.method not in ("GET", "HEAD"):
            return json_response({"status": "error", "detail": "GET only"}, status=405)
        if path == LIVENESS:
            return json_response({"status": "ok"})
        if path == READINESS:
            return readiness()
        return self.get_response(request)
