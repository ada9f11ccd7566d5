from django import template
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext

from wagtail.models import Page, Site

from pdo_site import page_cache
from pdo_site.languages import SITE_LANGUAGES
from pdo_site.translated_fields import SOURCE_LANGUAGE, falls_back

register = template.Library()


def _page_urls(page, request):
    """{language: URL} of a Wagtail page, asked of the page under each language."""
    urls = {}
    for code, *_rest in SITE_LANGUAGES:
        with translation.override(code):
            urls[code] = page.get_url(request=request)
    return urls


def _cached_page_urls(page, request):
    """``_page_urls``, computed once per page version and shared by every process.

    The key holds the page cache's generation, which every publish, move and deletion
    replaces (a move changes descendants' URLs without republishing them), and the
    page's last publication, so a stale list is never read.
    """
    host = request.get_host() if request is not None else ""
    published = page.last_published_at.timestamp() if page.last_published_at else ""
    key = f"language-urls:{page_cache.generation(request)}:{page.pk}:{published}:{host}"
    cache = page_cache.page_cache()
    urls = cache.get(key)
    if urls is None:
        urls = _page_urls(page, request)
        cache.set(key, urls, page_cache.timeout())
    return urls


def _language_urls(context):
    """The URL of what is being shown, in every site language.

    A Wagtail page has a translated slug per language, so its URL is asked of the
    page under each language (once per page version, see ``_cached_page_urls``); other
    views are translated by URL pattern. Computed once per request: the switcher and
    the hreflang links share it.
    """
    request = context.get("request")
    page = context.get("page")
    memo = getattr(request, "_pdo_language_urls", None) if request is not None else None
    if memo is None:
        if isinstance(page, Page) and page.pk:
            memo = _cached_page_urls(page, request)
        else:
            memo = {}
            for code, *_rest in SITE_LANGUAGES:
                if request is not None:
                    memo[code] = translate_url(request.get_full_path(), code)
                else:
                    memo[code] = f"/{code}/"
        if request is not None:
            request._pdo_language_urls = memo
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": name,
            "name_local": name_local,
            "bidi": bidi,
            "url": memo[code],
            "is_current": code == current,
        }
        for code, name, name_local, bidi in SITE_LANGUAGES
    ]


@register.inclusion_tag("pdo_site/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A menu of every site language that keeps the reader on the same page."""
    languages = _language_urls(context)
    current = next((lang for lang in languages if lang["is_current"]), languages[0])
    return {"languages": languages, "current": current}


@register.inclusion_tag("pdo_site/includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    """<link rel="alternate" hreflang> for each language, for search engines."""
    request = context.get("request")
    languages = _language_urls(context)
    if request is not None:
        for language in languages:
            language["url"] = request.build_absolute_uri(language["url"])
    return {"languages": languages}


@register.inclusion_tag("pdo_site/includes/site_menu.html", takes_context=True)
def site_menu(context):
    """The home page's live children marked "show in menus", in the reader's language."""
    request = context.get("request")
    site = getattr(request, "site", None) if request else None
    if site is None and request is not None:
        site = Site.find_for_request(request)
    if site is None:
        return {"items": []}
    items = site.root_page.get_children().live().public().in_menu().specific()
    return {"items": items, "request": request, "current": context.get("page")}


@register.filter
def duration(minutes):
    """90 -> '1 h 30 min'."""
    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    if hours:
        return gettext("%(hours)d h") % {"hours": hours}
    return gettext("%(minutes)d min") % {"minutes": rest}


@register.simple_tag
def fallback_attrs(obj, field):
    """` lang="en" dir="ltr"` where ``field`` is shown in English because the reader's
    language has no translation yet, so browsers and screen readers treat it as English."""
    if not falls_back(obj, field, translation.get_language()):
        return ""
    return format_html(' lang="{}" dir="ltr"', SOURCE_LANGUAGE)
