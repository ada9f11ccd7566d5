"""Schemathesis over the published OpenAPI document, in-process against the WSGI app:
whatever it sends, signed in or not, the server answers without a server error."""

import contextlib

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from tests.field.conftest import Device


@contextlib.contextmanager
def connection_kept():
    """Requests through the WSGI handler close the database connection when they end,
    which would end the test's transaction; Django's test client avoids it the same way
    (and connects the receivers again after each of its requests)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


@pytest.mark.django_db
def test_no_request_the_document_allows_makes_a_server_error(client, field, settings):
    settings.PDO_FIELD_SYNC_RATE = settings.PDO_FIELD_SIGN_IN_RATE = "100000/m"
    device = Device(client, "trainer")
    with connection_kept():
        run_schemathesis(device)


def run_schemathesis(device):
    schema = schemathesis.openapi.from_wsgi("/api/field/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} == {
        "/api/field/tokens",
        "/api/field/tokens/current",
        "/api/field/sessions",
        "/api/field/sync",
    }
    # Signing out revokes the token the other operations are called with: it goes last.
    operations.sort(key=lambda op: op.method.upper() == "DELETE")
    calls = []
    for operation in operations:
        strategy = operation.as_strategy() | operation.as_strategy(
            generation_mode=GenerationMode.NEGATIVE
        )

        @examples(
            max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        @given(case=strategy)
        def check(case):
            response = case.call_and_validate(
                headers={"Authorization": f"Bearer {device.token}"}, checks=[not_a_server_error]
            )
            calls.append(response.status_code)

        check()
    assert {200, 401, 403, 422} <= set(calls), sorted(set(calls))
