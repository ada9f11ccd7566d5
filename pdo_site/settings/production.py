"""Production: secure by default. Configure with environment variables (see README)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import PDO_ENCRYPTION_KEYS, env_bool, require_secret_key

DEBUG = False
require_secret_key()
if not PDO_ENCRYPTION_KEYS:
    # A key derived from SECRET_KEY would tie the participants' data to the session key.
    raise ImproperlyConfigured("Set the PDO_ENCRYPTION_KEYS environment variable.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN
# Reverse proxies in front of gunicorn whose X-Forwarded-For is trusted (allauth's login
# throttling and the participant data access log read the client's address through it).
# 0: the connecting address (no proxy); 1: one nginx or load balancer; see docs/deploy.md.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("ALLAUTH_TRUSTED_PROXY_COUNT", "0"))

# Staff must sign in with a second factor (pdo_site/settings/staff_auth.py).
PDO_STAFF_MFA_REQUIRED = env_bool("PDO_STAFF_MFA_REQUIRED", True)
