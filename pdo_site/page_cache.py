"""Whole public pages, cached for anonymous readers, per URL (the URL carries the language).

The cache alias ``pages`` holds, per host and path, the rendered response and the
*generation* it was rendered in. Publishing, unpublishing, moving or deleting a page, or
changing a snippet that pages show, sets a new generation in the same shared cache, so
every process stops serving what it stored before (``invalidate``). A hit costs one cache
read of two keys; nothing touches the database.

Only what cannot differ between readers is stored: GET requests without a session or
messages cookie and without a query string, answered 200 with HTML by Wagtail's page
serving for an anonymous user, not a preview, not restricted, setting no cookie and not
using a CSRF token. Everything else passes through untouched, apart from
``Cache-Control: private`` on pages served to someone signed in.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "generation"
# URLs that are never pages (pdo_site.middleware.UNPREFIXED and friends).
NEVER_CACHED = ("/admin/", "/documents/", "/files/", "/healthz", "/i18n/", "/static/", "/media/")
HIT_HEADER = "X-Page-Cache"


def page_cache():
    return caches[CACHE_ALIAS]


def timeout():
    return getattr(settings, "PDO_PAGE_CACHE_SECONDS", 600)


def max_age():
    return getattr(settings, "PDO_PAGE_CACHE_MAX_AGE", 60)


def invalidate(**_signal_kwargs):
    """Start a new generation: every stored page and language menu is stale from now on."""
    page_cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def generation(request=None):
    """The current generation, read once per request; a new one if the key was lost
    (evicted, or Redis restarted), so entries stored before can never match again."""
    if request is not None and hasattr(request, "_pdo_page_generation"):
        return request._pdo_page_generation
    cache = page_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, value, None):
            value = cache.get(GENERATION_KEY) or value
    if request is not None:
        request._pdo_page_generation = value
    return value


def mark_cacheable(request, page):
    """Called by the ``on_serve_page`` hook: this request is answered by ``page``."""
    request._pdo_cacheable_page = page


def request_key(request):
    raw = f"{request.scheme}://{request.get_host()}{request.path}"
    return "page:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def anonymous_request(request):
    """A request whose answer cannot depend on who sends it."""
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
        and not request.path_info.startswith(NEVER_CACHED)
    )


def storable(request, response):
    page = getattr(request, "_pdo_cacheable_page", None)
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "")
    return (
        page is not None
        and request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not getattr(request, "is_preview", False)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (user is not None and user.is_authenticated)
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def add_validators(response):
    """ETag of the body; Last-Modified is when it was rendered (not the page's publishing
    time: menus, glossary terms and parents on the page change without it)."""
    if not response.has_header("ETag"):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date()
    patch_cache_control(response, public=True, max_age=max_age())
    patch_vary_headers(response, ("Cookie",))


def conditional(request, response):
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


class PageCacheMiddleware:
    """Serves and stores anonymous public pages. Place it right after WhiteNoise, before
    the session middleware, so a hit costs neither a session nor a URL resolution."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not anonymous_request(request):
            response = self.get_response(request)
            if getattr(request, "_pdo_cacheable_page", None) is not None:
                # A page rendered for someone signed in (trainer notes, their own links).
                if not response.has_header("Cache-Control"):
                    patch_cache_control(response, private=True, no_cache=True)
                patch_vary_headers(response, ("Cookie",))
            return response
        cache = page_cache()
        key = request_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY)
        if current is not None:
            request._pdo_page_generation = current
            entry = found.get(key)
            if entry is not None and entry[0] == current:
                response = entry[1]
                response[HIT_HEADER] = "hit"
                return conditional(request, response)
        response = self.get_response(request)
        if storable(request, response):
            add_validators(response)
            response[HIT_HEADER] = "miss"
            cache.set(key, (generation(request), response), timeout())
            return conditional(request, response)
        return response


def invalidate_after_commit(**_signal_kwargs):
    """Now (this process may render again before the commit) and after the commit, so
    a request that read the old rows in between cannot keep its copy."""
    from django.db import transaction  # noqa: PLC0415

    invalidate()
    transaction.on_commit(invalidate, robust=True)


def connect_signals():
    """Whatever changes what a public page shows starts a new generation."""
    from django.db.models.signals import post_delete  # noqa: PLC0415

    from wagtail.models import Page, Site, get_page_models  # noqa: PLC0415
    from wagtail.signals import page_published, page_unpublished, post_page_move  # noqa: PLC0415

    page_published.connect(invalidate_after_commit, dispatch_uid="pdo-page-cache-published")
    page_unpublished.connect(invalidate_after_commit, dispatch_uid="pdo-page-cache-unpublished")
    post_page_move.connect(invalidate_after_commit, dispatch_uid="pdo-page-cache-moved")
    # Per model: a receiver for every sender would turn off Django's fast deletes.
    for model in {Page, *get_page_models()}:
        post_delete.connect(
            invalidate_after_commit,
            sender=model,
            dispatch_uid=f"pdo-page-cache-{model._meta.label}",
        )
    invalidate_on_changes_to(Site)


def invalidate_on_changes_to(*models):
    """For apps above pdo_site: pages show these models (snippets), so saving or deleting
    one starts a new generation."""
    from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate_after_commit,
                sender=model,
                dispatch_uid=f"pdo-page-cache-{model._meta.label}-{id(signal)}",
            )
