"""Settings shared by every environment.

Everything that differs between machines comes from environment variables with
a safe default; ``dev``, ``test`` and ``production`` only adjust these.
"""

import os
from pathlib import Path

import dj_database_url

from django.core.exceptions import ImproperlyConfigured

from pdo_site.languages import (
    RTL_LANGUAGE_CODES,
    SITE_LANGUAGES,
    SOURCE_LANGUAGE,
    register_language_info,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail-modeltranslation patches the page editor and wraps migrate and
    # makemigrations, so it must come before Wagtail. Its migrate (which adds the page
    # translation columns) is subclassed by pdo_site's, which reports them in one line.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "pdo_site",
    "materials",
    "courses.curricula",
    "courses.training",
    "courses.learning",
    "courses.field",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # /healthz and /healthz/ready, before sessions, locale, hosts and everything else.
    "pdo_site.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "pdo_site.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and URL resolution: a cached page costs neither.
    "pdo_site.page_cache.PageCacheMiddleware",
    "pdo_site.routing.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pdo_site.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff: idle timeout, and the second factor when required (after auth and messages).
    "pdo_site.staff_auth.StaffSessionMiddleware",
]

ROOT_URLCONF = "pdo_site.urls"
# An attendance sheet of 300 participants × 10 days sends about 3,700 fields in one save
# (a mark per cell, two scores per row); Django's default of 1,000 refused sheets over
# ~140 participants. Requests stay bounded by DATA_UPLOAD_MAX_MEMORY_SIZE.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WSGI_APPLICATION = "pdo_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pdo_site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: an SQLite file unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, local memory otherwise. A Redis outage must slow the
# site, not break it. `default` (Wagtail's site-root paths, allauth's rate limits) falls back
# to per-process memory while Redis is down (pdo_site/cache.py says why not IGNORE_EXCEPTIONS);
# caches where a miss is harmless use django-redis with IGNORE_EXCEPTIONS and these options.
# The short timeouts bound what a dead or unreachable Redis costs a request.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_CACHE_OPTIONS = {
    "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25")),
    "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "pdo_site.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pdo",
            "OPTIONS": {**REDIS_CACHE_OPTIONS, "RETRY_AFTER": 5, "FALLBACK_MAX_TIMEOUT": 300},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions in the database, and only for people who log in: anonymous public pages write no
# session (tests/pdo_site/test_resilience.py checks it), so visitors cost no session rows.
# Not cached_db: a session deleted at logout during a Redis outage would come back from
# Redis afterwards; not cache-only: a Redis outage would log everybody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The page cache (pdo_site/page_cache.py): whole anonymous pages, shared by every process
# through Redis (PAGE_CACHE_URL, else REDIS_URL). A Redis outage only makes pages uncached:
# django-redis ignores (and logs) connection errors, and timeouts are short.
PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL", REDIS_URL)
if PAGE_CACHE_URL:
    CACHES["pages"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": PAGE_CACHE_URL,
        "KEY_PREFIX": "pdo-pages",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "LOG_IGNORED_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.25,
        },
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
    }
# Stored pages expire after PDO_PAGE_CACHE_SECONDS at the latest (publishing empties the
# cache at once); browsers and proxies may reuse a page for PDO_PAGE_CACHE_MAX_AGE seconds.
PDO_PAGE_CACHE_SECONDS = int(os.environ.get("PDO_PAGE_CACHE_SECONDS", "600"))
PDO_PAGE_CACHE_MAX_AGE = int(os.environ.get("PDO_PAGE_CACHE_MAX_AGE", "60"))

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Learner accounts (django-allauth): email and password, confirmed email, throttled logins.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_SIGNUP_FORM_CLASS = "courses.learning.forms.LearnerSignupForm"
# E-mails name the platform in their subject and body (courses.learning.accounts).
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_ADAPTER = "courses.learning.accounts.LearnerAccountAdapter"
LOGIN_REDIRECT_URL = "learning:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "learning:catalogue"
LOGIN_URL = "account_login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: one list (pdo_site/languages.py) for the site, the content and the admin.
register_language_info()
LANGUAGE_CODE = SOURCE_LANGUAGE
LANGUAGES = [(code, name) for code, name, _local, _rtl in SITE_LANGUAGES]
# Django decides `dir` from this list, not from LANG_INFO: Dari and Pashto must be on it.
LANGUAGES_BIDI = sorted(RTL_LANGUAGE_CODES)
LOCALE_PATHS = [BASE_DIR / "locales"]
FORMAT_MODULE_PATH = ["pdo_site.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"

MODELTRANSLATION_DEFAULT_LANGUAGE = SOURCE_LANGUAGE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _ in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = (SOURCE_LANGUAGE,)
# The editor shows English and the language being worked on, not all fourteen at once.
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True

# Wagtail's own locale-based i18n is not used: content translation is field-based.
WAGTAIL_I18N_ENABLED = False
# The platform's name and public address, as e-mails and certificates show them. Links in
# e-mails (allauth's, Wagtail's review notifications, "certificate issued") are built on
# PDO_BASE_URL, never on the address a request happened to come in on.
# An empty PDO_PLATFORM_NAME gives the translated default name (pdo_site.emails.platform_name).
PDO_PLATFORM_NAME = os.environ.get("PDO_PLATFORM_NAME", "")
PDO_BASE_URL = os.environ.get("PDO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAIL_SITE_NAME = PDO_PLATFORM_NAME or "PDO and counter-trafficking training"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PDO_BASE_URL)
# Review-workflow notifications as HTML and plain text, each in the recipient's admin language.
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
# Camps and offices are often offline, and the policy allows no third-party images:
# no Gravatar avatars, no fetch of Wagtail's release feed from the dashboard.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("en", "English"),
    ("fi", "suomi"),
    ("sv", "svenska"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("is", "íslenska"),
    ("fr", "français"),
]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
# The print fonts are served too: screens without an Ethiopic font (Tigrinya) load one.
STATICFILES_DIRS = [BASE_DIR / "static", ("fonts", BASE_DIR / "materials" / "fonts")]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    # S3-compatible object storage (AWS, MinIO, Ceph ...) for uploaded media.
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background tasks. Wagtail's own small tasks (search and reference index updates)
# run immediately; long jobs such as PDF rendering go to the database queue that
# `manage.py db_worker` serves.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}

# Email.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PDO training <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}


def require_secret_key():
    if not SECRET_KEY:
        raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")


# Build the page editor's StreamFields for other languages only when the author shows them.
PDO_DEFER_TRANSLATION_EDITORS = env_bool("PDO_DEFER_TRANSLATION_EDITORS", True)

# Participants (refugees): names are optional on the platform and can be switched off;
# case references must match this pattern.
PDO_COLLECT_PARTICIPANT_NAMES = env_bool("PDO_COLLECT_PARTICIPANT_NAMES", True)
PDO_CASE_REFERENCE_PATTERN = os.environ.get(
    "PDO_CASE_REFERENCE_PATTERN", r"^[A-Z]{3}-\d{2}-\d{4,8}$"
)

# Demo content loaders, run in order by `manage.py load_demo` (later content links to earlier).
PDO_DEMO_LOADERS = [
    "pdo_site.demo.load",
    "courses.curricula.demo.load",
    "courses.learning.demo.load",
    "courses.training.demo.load",
]
PDO_DEMO_TRAINING_RECORDS = "courses.training.demo.load"

# Counts below this are shown as "<N" in everything that leaves the system (exports, the
# quarterly report pack, the public figures page), with secondary suppression.
PDO_SMALL_CELL_THRESHOLD = int(os.environ.get("PDO_SMALL_CELL_THRESHOLD", "5"))

# Who each destination's quarterly report pack is for.
PDO_REPORT_DONORS = {
    "finland": (
        "Finnish Immigration Service (Migri) / Asylum, Migration and Integration Fund (AMIF)"
    ),
    "iceland": "Icelandic Ministry of Social Affairs and Labour",
}

# Case-list imports: files larger than this are refused before they are read.
# Field app (courses.field): which sessions a device downloads (first day from
# RECENT_DAYS ago to UPCOMING_DAYS ahead) and the sync API's rate limits.
PDO_FIELD_RECENT_DAYS = int(os.environ.get("PDO_FIELD_RECENT_DAYS", "14"))
PDO_FIELD_UPCOMING_DAYS = int(os.environ.get("PDO_FIELD_UPCOMING_DAYS", "60"))
# The field app clears what a phone holds after this many days without a successful sync.
PDO_FIELD_WIPE_AFTER_DAYS = int(os.environ.get("PDO_FIELD_WIPE_AFTER_DAYS", "14"))
PDO_FIELD_SYNC_RATE = os.environ.get("PDO_FIELD_SYNC_RATE", "120/m")  # per device token
PDO_FIELD_SIGN_IN_RATE = os.environ.get("PDO_FIELD_SIGN_IN_RATE", "10/m")  # per address

PDO_IMPORT_MAX_BYTES = int(os.environ.get("PDO_IMPORT_MAX_BYTES", str(2 * 1024 * 1024)))

# PDF builds (leases, attempts) and paper size: pdo_site/settings/materials.py.
# Content-Security-Policy and Permissions-Policy: pdo_site/settings/headers.py.
from pdo_site.settings.headers import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY  # noqa: E402, F401
from pdo_site.settings.materials import *  # noqa: E402, F403

# Encryption of participant data at rest and its retention: pdo_site/settings/privacy.py.
from pdo_site.settings.privacy import *  # noqa: E402, F403

# Throttling, the admin's login through allauth, staff MFA and idle timeout.
from pdo_site.settings.staff_auth import *  # noqa: E402, F403

# Who issues the online courses' certificates (printed on them and on the verification page).
# Empty: a translated default ("the PDO training programme").
PDO_ISSUING_ORGANISATION = os.environ.get("PDO_ISSUING_ORGANISATION", "")
