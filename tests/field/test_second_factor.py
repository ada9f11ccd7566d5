"""Where staff must use a second factor, a phone is signed in only with a current code of
the trainer's authenticator app, as the admin is: the field API is no way around it."""

import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from courses.field.models import DeviceToken
from tests.field.conftest import TOKENS


def sign_in(client, code=None):
    payload = {"username": "trainer", "password": "pw-trainer-1", "device_name": "Tecno Spark"}
    if code is not None:
        payload["code"] = code
    return client.post(TOKENS, payload, content_type="application/json")


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def mfa_required(settings):
    settings.PDO_STAFF_MFA_REQUIRED = True


def test_without_an_authenticator_app_the_phone_is_refused(client, field, mfa_required):
    response = sign_in(client, "123456")
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_setup_required"
    assert "two-factor" in response.json()["detail"]
    assert not DeviceToken.objects.exists()


def test_the_code_is_required_checked_and_used_once(client, field, mfa_required):
    secret = generate_totp_secret()
    TOTP.activate(field["trainer"], secret)

    assert sign_in(client).json()["code"] == "mfa_code_required"
    wrong = f"{(int(current_code(secret)) + 1) % 1_000_000:06d}"
    assert sign_in(client, wrong).json()["code"] == "mfa_code_refused"
    assert not DeviceToken.objects.exists()

    code = current_code(secret)
    response = sign_in(client, code)
    assert response.status_code == 201, response.content
    assert DeviceToken.objects.get().user == field["trainer"]
    # A code seen once (on a shoulder, in a proxy log) signs no second phone in.
    assert sign_in(client, code).json()["code"] == "mfa_code_refused"
    assert DeviceToken.objects.count() == 1


def test_a_wrong_password_is_refused_before_any_code_is_asked(client, field, mfa_required):
    payload = {"username": "trainer", "password": "wrong", "device_name": "x", "code": "1"}
    response = client.post(TOKENS, payload, content_type="application/json")
    assert response.json()["code"] == "sign_in_refused"


def test_where_no_second_factor_is_required_the_password_is_enough(client, field, settings):
    settings.PDO_STAFF_MFA_REQUIRED = False
    assert sign_in(client).status_code == 201
