"""Sign-in settings that the base settings import: learners and staff share allauth's login.

Staff (everyone with access to the Wagtail admin) sign in on the same page as learners; the
admin's own password form is never used (pdo_site/urls.py redirects it). pdo_site/staff_auth.py
adds what allauth leaves to the project: the second factor made mandatory, TOTP secrets
encrypted at rest, and the idle timeout.
"""

import os


def _env_bool(name, default):
    value = os.environ.get(name, "")
    return default if value == "" else value.strip().lower() in {"1", "true", "yes", "on"}


# Failed logins count per account ("key": the e-mail address typed) and per address. The
# account limit is the strict one; the address limit is generous because a camp office
# signs many people in from one public address, and one person's typos must not lock out
# the rest. allauth counts on the `default` cache; pdo_site/cache.py keeps counting in
# memory while Redis is down (docs/resilience.md), so an outage neither opens nor closes
# the door. MFA codes share the "login_failed" limit (keyed per user).
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("PDO_LOGIN_FAILED_RATE", "60/15m/ip,5/15m/key"),
    "signup": "20/h/ip",
}

# The Wagtail admin sends anonymous visitors to allauth's login; its logout lands there too.
WAGTAILADMIN_LOGIN_URL = "account_login"
# Passwords are changed and reset through allauth (which asks for the current password,
# throttles and sends a notice), not through the admin's account page.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Second factor: an authenticator app (TOTP) and single-use recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "pdo_site.staff_auth.StaffMFAAdapter"
# True in production settings: staff cannot open the admin before they have set up an
# authenticator app, and each session must have passed it.
PDO_STAFF_MFA_REQUIRED = _env_bool("PDO_STAFF_MFA_REQUIRED", False)
# Staff sessions end after this many seconds without a request (learners keep Django's
# two weeks). The page editor pings the server while it is open, so writing a long page
# does not count as idle.
PDO_STAFF_IDLE_TIMEOUT = int(os.environ.get("PDO_STAFF_IDLE_TIMEOUT", "1800"))
