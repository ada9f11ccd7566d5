"""Staff sign in through allauth: throttled per account (not per office), a second factor
when required, an idle timeout, password change on allauth's page."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command

from pdo_site.roles import TRAINERS
from pdo_site.staff_auth import LAST_SEEN_KEY, ensure_verified_email
from tests.training.factories import StaffUserFactory

LOGIN = "/en/accounts/login/"
PASSWORD = "pw-trainer-1"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def trainer(db):
    user = StaffUserFactory(username="trainer", email="trainer@example.org", group=TRAINERS)
    ensure_verified_email(user)
    return user


def sign_in(client, email, password, next_url="/admin/"):
    return client.post(f"{LOGIN}?next={next_url}", {"login": email, "password": password})


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_admin_login_redirects_to_allauth_keeping_next(client, db):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/admin/pages/"
    # An anonymous visit to the admin goes to the same page.
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    # The admin's own password form is never reached, even by a direct POST.
    posted = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert posted.status_code == 302 and "/accounts/login/" in posted["Location"]


def test_staff_sign_in_and_out_through_allauth(client, trainer):
    response = sign_in(client, trainer.email, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    logged_out = client.post("/admin/logout/")
    assert logged_out.status_code == 302 and "/accounts/login/" in logged_out["Location"]
    assert client.get("/admin/")["Location"].startswith("/en/accounts/login/")


def test_25_wrong_passwords_lock_the_account_not_the_office(client, trainer):
    colleague = StaffUserFactory(username="colleague", email="colleague@example.org")
    ensure_verified_email(colleague)
    for _ in range(25):
        response = sign_in(client, trainer.email, "wrong")
        assert response.status_code in (200, 429)
    refused = sign_in(client, trainer.email, PASSWORD)
    assert refused.status_code in (200, 429)
    assert "Too many failed login attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from the same address still signs in.
    response = sign_in(client, colleague.email, "pw-colleague-1")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_staff_without_a_verified_address_cannot_sign_in(client, db):
    StaffUserFactory(username="nomail", email="nomail@example.org")
    response = sign_in(client, "nomail@example.org", "pw-nomail-1")
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and "confirm-email" in response["Location"]


def test_ensure_admin_gives_a_verified_primary_address(db, monkeypatch, client):
    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", "a-long-demo-password")
    call_command("ensure_admin", email="ops@example.org")
    admin = get_user_model().objects.get(username="admin")
    address = EmailAddress.objects.get(user=admin)
    assert address.email == "ops@example.org" and address.verified and address.primary
    response = sign_in(client, "ops@example.org", "a-long-demo-password")
    assert response["Location"] == "/admin/"


@pytest.fixture
def mfa_required(settings):
    settings.PDO_STAFF_MFA_REQUIRED = True


def test_required_mfa_sends_staff_without_totp_to_activation(client, trainer, mfa_required):
    assert sign_in(client, trainer.email, PASSWORD)["Location"] == "/admin/"
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/totp/activate/?next=%2Fadmin%2Fpages%2F"

    # allauth asks for the password again before a second factor is added.
    reauthenticate = client.get(response["Location"])
    assert reauthenticate.status_code == 302 and "/reauthenticate/" in reauthenticate["Location"]
    back = client.post(reauthenticate["Location"], {"password": PASSWORD})
    assert back.status_code in (200, 302)
    activate = client.get(response["Location"])
    assert activate.status_code == 200
    secret = client.session["mfa.totp.secret"]
    done = client.post("/en/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert done.status_code == 302
    totp = Authenticator.objects.get(user=trainer, type=Authenticator.Type.TOTP)
    # Encrypted at rest, and read back through the adapter.
    assert secret not in totp.data["secret"]
    assert get_mfa_adapter().decrypt(totp.data["secret"]) == secret
    # Setting it up in this session counts as passing it: straight into the admin.
    assert client.get("/admin/").status_code == 200


def test_required_mfa_asks_staff_with_totp_for_a_code(client, trainer, mfa_required):
    secret = generate_totp_secret()
    TOTP.activate(trainer, secret)
    response = sign_in(client, trainer.email, PASSWORD)
    assert response.status_code == 302 and "/2fa/authenticate/" in response["Location"]
    assert client.get("/admin/").status_code == 302  # not signed in before the code
    wrong = client.post(response["Location"], {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    right = client.post(response["Location"], {"code": current_code(secret)})
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_required_mfa_reauthenticates_sessions_that_skipped_it(client, trainer, mfa_required):
    TOTP.activate(trainer, generate_totp_secret())
    client.force_login(trainer)  # a session that never saw the second factor
    response = client.get("/admin/")
    assert response["Location"] == "/en/accounts/2fa/reauthenticate/?next=%2Fadmin%2F"


def test_required_mfa_cannot_be_switched_off_by_staff(client, trainer, mfa_required):
    secret = generate_totp_secret()
    TOTP.activate(trainer, secret)
    response = sign_in(client, trainer.email, PASSWORD)
    client.post(response["Location"], {"code": current_code(secret)})
    client.post("/en/accounts/2fa/totp/deactivate/", {})
    assert Authenticator.objects.filter(user=trainer, type="totp").exists()


def test_mfa_is_optional_by_default(client, trainer):
    sign_in(client, trainer.email, PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_idle_staff_sessions_end_with_a_message(client, trainer, settings):
    settings.PDO_STAFF_IDLE_TIMEOUT = 1800
    sign_in(client, trainer.email, PASSWORD)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 1799
    session.save()
    assert client.get("/admin/").status_code == 200  # activity within the timeout

    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 1801
    session.save()
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fadmin%2Fpages%2F"
    assert "_auth_user_id" not in client.session
    login_page = client.get(response["Location"]).content.decode()
    assert "signed out after 30 minutes without activity" in login_page


def test_learners_have_no_idle_timeout(client, db):
    from tests.learning.factories import LearnerFactory

    learner = LearnerFactory(username="anna")
    EmailAddress.objects.create(user=learner, email=learner.email, verified=True, primary=True)
    client.force_login(learner)
    client.get("/en/learn/")
    assert LAST_SEEN_KEY not in client.session


def test_password_change_through_allauth(client, trainer):
    sign_in(client, trainer.email, PASSWORD)
    account = client.get("/admin/account/").content.decode()
    assert "/en/accounts/password/change/" in account and "/en/accounts/2fa/" in account
    url = "/en/accounts/password/change/"
    assert client.get(url).status_code == 200
    wrong = client.post(
        url,
        {"oldpassword": "nope", "password1": "Camp-office-2026!", "password2": "Camp-office-2026!"},
    )
    assert wrong.status_code == 200 and "current password" in wrong.content.decode().lower()
    done = client.post(
        url,
        {
            "oldpassword": PASSWORD,
            "password1": "Camp-office-2026!",
            "password2": "Camp-office-2026!",
        },
    )
    assert done.status_code == 302
    trainer.refresh_from_db()
    assert trainer.check_password("Camp-office-2026!")
    assert client.get("/admin/").status_code == 200  # still signed in after the change


def test_admin_login_without_next_leads_to_the_dashboard(client, trainer):
    response = client.get("/admin/login/")
    assert response["Location"] == "/en/accounts/login/?next=/admin/"
    signed_in = client.post(response["Location"], {"login": trainer.email, "password": PASSWORD})
    assert signed_in["Location"] == "/admin/"


def test_production_requires_mfa_and_dev_does_not():
    from tests.pdo_site.test_operations import run_manage

    show = "from django.conf import settings; print(settings.PDO_STAFF_MFA_REQUIRED)"
    production = run_manage(
        "shell",
        "-c",
        show,
        DJANGO_SETTINGS_MODULE="pdo_site.settings.production",
        SECRET_KEY="x7#production-like-secret-key-for-the-mfa-check-0123456789abcdef",
        PDO_ENCRYPTION_KEYS="production-like-participant-data-key",
    )
    assert production.stdout.split()[-1] == "True", production.stderr
    dev = run_manage("shell", "-c", show, DJANGO_SETTINGS_MODULE="pdo_site.settings.dev")
    assert dev.stdout.split()[-1] == "False", dev.stderr


def test_staff_login_while_redis_is_down_is_throttled_and_takes_codes(client, trainer, settings):
    """Neither open (unlimited guessing) nor closed (every code refused): the `default`
    cache counts in process memory during the outage (pdo_site/cache.py)."""
    from django.test import override_settings

    from tests.pdo_site.test_resilience import REDIS_DOWN

    settings.PDO_STAFF_MFA_REQUIRED = True
    secret = generate_totp_secret()
    TOTP.activate(trainer, secret)
    with override_settings(CACHES=REDIS_DOWN):
        cache.clear()
        response = sign_in(client, trainer.email, PASSWORD)
        right = client.post(response["Location"], {"code": current_code(secret)})
        assert right["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200
        client.logout()
        for _ in range(5):
            sign_in(client, trainer.email, "wrong")
        refused = sign_in(client, trainer.email, PASSWORD)
        assert "Too many failed login attempts" in refused.content.decode()


def test_an_idle_trainer_on_a_public_page_sees_it_signed_out(client, trainer, home_page):
    sign_in(client, trainer.email, PASSWORD)
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 3600
    session.save()
    response = client.get("/en/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "without activity" in response.content.decode()
