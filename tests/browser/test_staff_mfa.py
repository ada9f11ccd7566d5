"""With the second factor required (as in production), a trainer sets up an authenticator
app on first sign-in, then signs in with a code from it and reaches the admin."""

import time

import pytest

from pdo_site.roles import TRAINERS
from pdo_site.staff_auth import ensure_verified_email
from tests.browser.conftest import assert_accessible, staff_sign_in, totp_code
from tests.training.factories import StaffUserFactory

pytestmark = pytest.mark.browser

PASSWORD = "pw-trainer-1"


def test_a_trainer_sets_up_totp_then_signs_in_with_a_code(page, settings):
    settings.PDO_STAFF_MFA_REQUIRED = True
    trainer = StaffUserFactory(username="trainer", email="trainer@example.org", group=TRAINERS)
    ensure_verified_email(trainer)

    page.goto("/admin/login/")
    page.fill("#id_login", "trainer@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    # Into the admin? Not before setting up the second factor; allauth first asks for the
    # password again, as it does before every change to the second factor.
    page.wait_for_url("**/reauthenticate/**")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/2fa/totp/activate/**")
    assert_accessible(page)

    secret = page.input_value("#authenticator_secret")
    page.fill("#id_code", totp_code(secret))
    activated_in = int(time.time()) // 30
    page.click("main form button[type=submit]")
    page.wait_for_url("**/2fa/recovery-codes/**")
    codes = page.input_value("#recovery_codes").split()
    assert len(codes) == 10
    assert_accessible(page)
    page.get_by_role("link", name="Back to the admin").click()
    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", level=1).count() >= 1

    # Next time: password, then a code (a new one: a code is accepted only once).
    page.context.clear_cookies()
    while int(time.time()) // 30 == activated_in:
        page.wait_for_timeout(500)
    page.goto("/admin/")
    page.wait_for_url("**/accounts/login/**")
    staff_sign_in(page, "trainer", PASSWORD, totp_secret=secret)
    assert page.url.endswith("/admin/")


def test_a_recovery_code_signs_in_when_the_phone_is_lost(page, settings):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    settings.PDO_STAFF_MFA_REQUIRED = True
    trainer = StaffUserFactory(username="trainer", email="trainer@example.org", group=TRAINERS)
    ensure_verified_email(trainer)
    TOTP.activate(trainer, generate_totp_secret())
    code = RecoveryCodes.activate(trainer).get_unused_codes()[0]

    page.goto("/admin/")
    page.fill("#id_login", "trainer@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/2fa/authenticate/**")
    assert_accessible(page)
    page.fill("#id_code", code)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/admin/")
