"""Staff sign-in on top of django-allauth: what allauth leaves to the project.

- ``StaffSessionMiddleware`` ends staff sessions after ``PDO_STAFF_IDLE_TIMEOUT`` seconds
  without a request and, when ``PDO_STAFF_MFA_REQUIRED`` is on, keeps staff out of the
  Wagtail admin until they have an authenticator app and this session has passed it.
- ``StaffMFAAdapter`` encrypts TOTP secrets and recovery-code seeds at rest and refuses to
  remove the last second factor while it is required.
- ``ensure_verified_email`` gives a staff account the verified primary e-mail address that
  mandatory verification asks for (staff accounts are vouched for by whoever creates them).

"Staff" means everyone who may open the admin (``pdo_site.roles.is_trainer``).
"""

import base64
import hashlib
import time
from datetime import UTC, datetime

from allauth.account.authentication import get_authentication_records
from allauth.account.models import EmailAddress
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext

from pdo_site.roles import is_trainer

LAST_SEEN_KEY = "pdo_staff_last_seen"
MFA_PASSED_KEY = "pdo_staff_mfa_passed_by"
# The last-seen time is written at most this often, so staff requests do not each write
# the session; the timeout is therefore exact to within this many seconds.
LAST_SEEN_RESOLUTION = 60
ENCRYPTED_PREFIX = "fernet:"


def login_url(next_url=None):
    """allauth's login page, coming back to ``next_url`` after signing in."""
    url = reverse("account_login")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def admin_login(request):
    """``/admin/login/``: Wagtail's own password form is replaced by allauth's login (which
    throttles and asks for the second factor). The query string is kept; without a ``next``
    the admin's dashboard is where signing in leads."""
    query = request.GET.copy()
    query.setdefault("next", reverse("wagtailadmin_home"))
    return redirect(f"{reverse('account_login')}?{query.urlencode(safe='/')}")


def _url_with_next(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def session_passed_mfa(request):
    """True when this session's sign-in included the second factor, or when the user set
    up their authenticator app during this session (they have just typed a code from it;
    asking for another would mean waiting for the next one)."""
    user = request.user
    if request.session.get(MFA_PASSED_KEY) == user.pk:
        return True
    records = get_authentication_records(request, user)
    passed = any(record.get("method") == "mfa" for record in records)
    if not passed and records:
        signed_in_at = min(record["at"] for record in records)
        passed = Authenticator.objects.filter(
            user=user,
            type=Authenticator.Type.TOTP,
            created_at__gte=datetime.fromtimestamp(signed_in_at, tz=UTC),
        ).exists()
    if passed:
        request.session[MFA_PASSED_KEY] = user.pk
    return passed


def has_totp(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_trainer(request.user):
            response = self.end_idle_session(request) or self.require_mfa(request)
            if response is not None:
                return response
        return self.get_response(request)

    def end_idle_session(self, request):
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        timeout = settings.PDO_STAFF_IDLE_TIMEOUT
        if last_seen is not None and now - last_seen > timeout:
            logout(request)
            minutes = max(1, timeout // 60)
            messages.info(
                request,
                ngettext(
                    "You were signed out after %(minutes)d minute without activity. "
                    "Please sign in again.",
                    "You were signed out after %(minutes)d minutes without activity. "
                    "Please sign in again.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            if request.path.startswith(reverse("wagtailadmin_home")):
                return redirect(login_url(request.get_full_path()))
            return None  # a public page: served as to anyone, trainer notes not shown
        if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
            request.session[LAST_SEEN_KEY] = now
        return None

    def require_mfa(self, request):
        if not settings.PDO_STAFF_MFA_REQUIRED:
            return None
        admin = reverse("wagtailadmin_home")
        if not request.path.startswith(admin) or request.path.startswith(
            (reverse("wagtailadmin_login"), reverse("wagtailadmin_logout"))
        ):
            return None
        if session_passed_mfa(request):
            return None
        next_url = request.get_full_path()
        if not has_totp(request.user):
            return redirect(_url_with_next("mfa_activate_totp", next_url))
        return redirect(_url_with_next("mfa_reauthenticate", next_url))


def _fernet_key(secret):
    digest = hashlib.sha256(b"pdo-mfa-secrets:" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _fernet():
    # The first key encrypts; SECRET_KEY_FALLBACKS still decrypt after a key rotation.
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet_key(secret) for secret in secrets])


class StaffMFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text):
        token = _fernet().encrypt(text.encode()).decode()
        return ENCRYPTED_PREFIX + token

    def decrypt(self, encrypted_text):
        if not encrypted_text.startswith(ENCRYPTED_PREFIX):
            return encrypted_text  # stored before encryption was switched on
        try:
            token = encrypted_text.removeprefix(ENCRYPTED_PREFIX).encode()
            return _fernet().decrypt(token).decode()
        except InvalidToken as error:
            raise ValueError(
                "An MFA secret cannot be decrypted: was SECRET_KEY changed without keeping "
                "the old one in SECRET_KEY_FALLBACKS?"
            ) from error

    def can_delete_authenticator(self, authenticator):
        if settings.PDO_STAFF_MFA_REQUIRED and is_trainer(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)


def ensure_verified_email(user, email=None):
    """Make ``email`` (default: the user's) the user's verified primary address.

    Returns the address, or None when the user has none. Staff accounts are created by an
    administrator or an operator, who vouch for the address, so it is not confirmed by mail.
    """
    email = (email or user.email or "").strip()
    if not email:
        return None
    if user.email != email:
        user.email = email
        user.save(update_fields=["email"])
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email__iexact=email, defaults={"email": email}
    )
    EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(
        primary=False
    )
    if not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    return address
