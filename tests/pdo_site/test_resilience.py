"""Health checks, a database outage (503, then straight back) and a Redis outage (site up).

The Redis outage is real: the caches point at a closed port on loopback. The database
outage is injected at the driver boundary (every query raises psycopg's / sqlite's
OperationalError), because the shared PostgreSQL server must not be stopped; the
scale-out check runs processes against an unreachable PostgreSQL.
"""

import pytest
from allauth.account.models import EmailAddress

from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client, override_settings

from tests.learning.factories import LearnerFactory

CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1
REDIS_DOWN = {
    "default": {
        "BACKEND": "pdo_site.cache.FallbackRedisCache",
        "LOCATION": CLOSED,
        "KEY_PREFIX": "pdo",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.5, "RETRY_AFTER": 5},
    },
    # The page cache (another branch) is django-redis with IGNORE_EXCEPTIONS.
    "pages": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": CLOSED,
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25},
    },
}
REDIS_UP = {
    "default": {**REDIS_DOWN["default"], "LOCATION": "redis://127.0.0.1:6379/3"},
}


def refuse(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


@pytest.mark.django_db
def test_liveness_does_no_io_and_skips_hosts_sessions_and_locale(django_assert_num_queries):
    client = Client(HTTP_HOST="10.0.0.7:8000")  # a probe uses the instance's address
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies and "Content-Language" not in response
    with connection.execute_wrapper(refuse):
        assert client.get("/healthz").status_code == 200  # alive, even if not ready
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readiness_reports_the_database_and_the_cache():
    client = Client()
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": {"default": "ok", "pages": "ok"},
    }
    with connection.execute_wrapper(refuse):
        down = client.get("/healthz/ready")
    assert down.status_code == 503
    assert down.json()["status"] == "error" and down.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_requests_caught_in_a_database_outage_get_a_translated_503_then_recover(module):
    client = Client(raise_request_exception=False)
    url = module.url
    with connection.execute_wrapper(refuse):
        english = client.get(url)
        arabic = client.get(url.replace("/en/", "/ar/", 1))
    assert english.status_code == 503 and english["Retry-After"] == "30"
    assert "Temporarily unavailable" in english.content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()
    assert arabic.status_code == 503
    # The database is back: the next request is served.
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_bug_is_still_a_500_not_a_503(module):
    from django.db import IntegrityError

    def broken(*args, **kwargs):
        raise IntegrityError("duplicate key")

    client = Client(raise_request_exception=False)
    url = module.url
    with connection.execute_wrapper(lambda *args: broken()):
        assert client.get(url).status_code == 500


@pytest.fixture
def redis_down():
    with override_settings(CACHES=REDIS_DOWN):
        cache.clear()  # Redis is down: clears what an earlier test counted in memory
        yield


@pytest.mark.django_db
def test_public_pages_login_and_signup_work_while_redis_is_down(
    redis_down, client, curricula, module
):
    index, finland, _iceland = curricula
    for url in ["/en/", "/ar/", index.url, finland.url, module.url, "/en/search/?q=health"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "sessionid" not in response.cookies  # anonymous visitors get no session

    anna = LearnerFactory(username="anna")
    EmailAddress.objects.create(user=anna, email=anna.email, verified=True, primary=True)
    login = "/en/accounts/login/"
    assert client.get(login).status_code == 200
    wrong = client.post(login, {"login": anna.email, "password": "wrong"})
    assert wrong.status_code == 200 and "not correct" in wrong.content.decode()
    right = client.post(login, {"login": anna.email, "password": "pw-learner-123"})
    assert right.status_code == 302
    assert client.get(right["Location"]).status_code == 200
    client.logout()

    signup = "/en/accounts/signup/"
    assert client.get(signup).status_code == 200
    response = client.post(
        signup,
        {
            "email": "bashir@example.org",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
            "full_name": "Bashir",
            "profession": "health",
            "country": "Finland",
            "preferred_language": "en",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="bashir@example.org").exists()

    ready = client.get("/healthz/ready")
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": {"default": "unavailable", "pages": "unavailable"},
    }


@pytest.mark.django_db
def test_failed_logins_are_still_throttled_while_redis_is_down(redis_down, client):
    """Neither fail-open (unlimited guessing) nor fail-closed (nobody can log in)."""
    anna = LearnerFactory(username="anna")
    EmailAddress.objects.create(user=anna, email=anna.email, verified=True, primary=True)
    url = "/en/accounts/login/"
    for _ in range(5):
        response = client.post(url, {"login": anna.email, "password": "wrong"})
        assert "Too many failed login attempts" not in response.content.decode()
    response = client.post(url, {"login": anna.email, "password": "pw-learner-123"})
    assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.django_db
def test_the_default_cache_uses_redis_when_it_is_there():
    from django.core.cache import caches

    with override_settings(CACHES=REDIS_UP):
        default = caches["default"]
        default.delete("resilience-probe")
        assert default.add("resilience-probe", "1", timeout=5) is True
        assert default.add("resilience-probe", "2", timeout=5) is False
        assert default.client.get_client().exists(default.make_key("resilience-probe"))
        default.delete("resilience-probe")
        response = Client().get("/healthz/ready")
    assert response.json()["cache"] == {"default": "ok"}


@pytest.mark.django_db
def test_anonymous_visitors_get_no_session(client, curricula, module):
    from django.contrib.sessions.models import Session

    index, finland, _iceland = curricula
    for url in ["/en/", "/fi/", index.url, finland.url, module.url, "/en/accounts/login/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "sessionid" not in response.cookies, url
    assert not Session.objects.exists()
