"""Settings for the test suite: production-like, with fast hashing and an in-memory outbox."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # nosec B105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# WhiteNoise's manifest needs collectstatic; tests serve plain static files.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PDO_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Static files come straight from the finders; there is no collectstatic output here.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# The page cache in local memory: no test depends on Redis.
CACHES["pages"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "test-pages",
}
