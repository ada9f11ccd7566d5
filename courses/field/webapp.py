"""The installable field app at /<lang>/field/: its shell page, web manifest and
service worker.

The shell holds no data: it is the same for everyone, so the service worker can keep
it for opening the app offline. Everything a trainer records lives in the phone's
IndexedDB and reaches the server only through the sync API (``api.py``). The texts
the JavaScript shows are translated here and handed to it in a JSON data block (not
executed, so the site's Content-Security-Policy needs no exception).
"""

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from courses.training.imports import column_label
from courses.training.models import Attendance, Enrolment, Participant

ASSETS = (
    "css/site.css",
    "field/field.css",
    "field/store.js",
    "field/sync.js",
    "field/views.js",
    "field/app.js",
    "field/start.js",
    "field/icon.svg",
)


def app_config():
    """Settings and texts the JavaScript needs, in the active language."""
    return {
        "api": "/api/field/",
        "wipe_after_days": settings.PDO_FIELD_WIPE_AFTER_DAYS,
        "case_reference_pattern": settings.PDO_CASE_REFERENCE_PATTERN,
        "sw": reverse("field:service_worker"),
        "scope": reverse("field:app"),
        "statuses": [
            ["", "–"],
            *[[value, str(label)] for value, label in Attendance.Status.choices],
        ],
        "strings": texts(),
    }


def texts():
    # Placeholders are replaced in the JavaScript, so these stay one msgid each.
    return {
        "online": _("Online"),
        "offline": _("Offline: changes are kept on this phone"),
        "last_sync": _("Last successful sync: %(time)s"),
        "never_synced": _("Not synced yet"),
        "waiting": _("Changes waiting: %(count)s"),
        "synced": _("Saved: %(applied)s · Conflicts: %(conflicts)s · Refused: %(refused)s"),
        "unreachable": _("The server could not be reached. Your changes are kept; try again."),
        "sign_in_online": _("Signing in needs a connection."),
        "signed_in": _("Signed in as %(user)s on “%(device)s”."),
        "downloaded": _("Sessions downloaded: %(count)s"),
        "no_sessions": _("No sessions downloaded yet."),
        "wiped": _(
            "The data on this phone was cleared after %(days)s days without a sync. Sign in again."
        ),
        "attendance_of": _("Row %(number)s, %(date)s: attendance"),
        "score_of": _("Row %(number)s: %(test)s score"),
        "participant_of": _("New participant %(reference)s"),
        "notes_of": _("Session notes"),
        "mine": _("On this phone"),
        "theirs": _("On the server"),
        "keep_mine": _("Keep mine"),
        "take_theirs": _("Take the server's"),
        "dismiss": _("Dismiss"),
        "empty": _("(empty)"),
        "duplicate": _("This case reference is already on this session."),
        "saved_locally": _("Saved on this phone."),
        "unsaved_warning": _("%(count)s changes are not synced yet and will be lost."),
        "pre": _("Pre-test"),
        "post": _("Post-test"),
        "case_reference_error": _(
            "“%(value)s” is not a valid case reference. Use the form ABC-24-012345."
        ),
        "required": _("%(column)s is required for a new participant."),
        "year_error": _("Year of birth must be a year from 1900 to %(year)d, or a date."),
        "score_error": _("%(test)s score must be a whole number from 0 to 100."),
        "columns": {
            name: column_label(name).capitalize()
            for name in ("sex", "year_of_birth", "nationality")
        },
    }


@require_safe
def field_app(request):
    return render(
        request,
        "field/app.html",
        {
            "config": app_config(),
            "sexes": Participant.Sex.choices,
            "tracks": Enrolment.Track.choices,
            "names_collected": settings.PDO_COLLECT_PARTICIPANT_NAMES,
        },
    )


@require_safe
def manifest(request):
    language = translation.get_language()
    data = {
        "name": _("PDO field app"),
        "short_name": _("PDO field"),
        "description": _("Record training sessions at camp sites, also without a connection."),
        "lang": language,
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "start_url": reverse("field:app"),
        "scope": reverse("field:app"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f8a",
        "icons": [{"src": static("field/icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@lru_cache(maxsize=1)
def asset_version():
    """A digest of the cached files, so a changed file makes a new service worker."""
    digest = hashlib.sha256()
    for asset in ASSETS:
        found = finders.find(asset)
        digest.update(static(asset).encode())
        if found:
            digest.update(Path(found).read_bytes())
    return digest.hexdigest()[:12]


@require_safe
@cache_control(no_cache=True)
def service_worker(request):
    language = translation.get_language()
    shell = reverse("field:app")
    script = render(
        request,
        "field/sw.js",
        {
            "cache_name": json.dumps(f"pdo-field-{language}-{asset_version()}"),
            "shell": json.dumps(shell),
            "assets": json.dumps([shell, reverse("field:manifest")] + [static(a) for a in ASSETS]),
        },
        content_type="text/javascript",
    )
    return script
