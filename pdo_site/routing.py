"""Page routing in one query, loading only the columns a reader of one language needs.

wagtail-modeltranslation routes a request level by level: at each level it loads every
child page (all ~98 Page columns, every language) to compare translated slugs, then the
matching child again with ``.specific`` (~145 columns for a module). Its ``set_url_path``
already keeps ``url_path_<language>`` for every language (the translated slug, or the
English one where there is none), so the page for ``/fi/a/b/`` is the one whose
``url_path_fi`` is the site root's plus ``a/b/``.

``route`` (installed on the site root page type, ``HomePage``, by ``PdoSiteConfig.ready``)
asks for the deepest page whose translated URL path is a prefix of the request's path,
then loads that page's specific row once, without the translated columns of the
languages the reader does not read (compiling ~145 columns costs more than the query).
What is left of the path (a routable page's ``pdf/``) goes to that page's own ``route``.
When nothing matches, the usual routing runs, so a page whose translated paths were never
filled still works.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site

from pdo_site import page_cache
from pdo_site.translated_fields import SOURCE_LANGUAGE

# Sites with their (specific) root pages, per process, per page-cache generation: Wagtail
# looks the site up (one query) and loads its root page twice (.root_page, .specific) on
# every request. A new generation (any publish, move, deletion or Site change, in any
# process) makes the next request load them again.
_SITES = {}
MAX_SITES = 64


def deferred_columns(model, language):
    """The translated columns of ``model`` for languages other than ``language`` and the
    source language (which is the fallback). Each one read later costs a query: the
    language switcher reads every language's ``url_path``, but only when its cached
    list (``pdo_tags._cached_page_urls``) is missing, once per page version."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    keep = {language, SOURCE_LANGUAGE}
    return [
        field.name
        for fields in options.all_fields.values()
        for field in fields
        if field.language not in keep
    ]


def load_for_reader(page_id, content_type_id, language):
    """The specific page, one query, other languages' large columns deferred."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model.objects.defer(*deferred_columns(model, language)).get(pk=page_id)


def find_route(root, path_components, language):
    """(page, remaining path components) for the deepest match, or None."""
    field = build_localized_fieldname("url_path", language)
    root_path = getattr(root, field, None) or root.url_path
    prefixes, current = [], root_path
    for component in path_components:
        current += component + "/"
        prefixes.append(current)
    match = (
        Page.objects.filter(**{f"{field}__in": prefixes})
        .filter(path__startswith=root.path, depth__gt=root.depth)
        .order_by("-depth")
        .values_list("pk", "content_type_id", field)
        .first()
    )
    if match is None:
        return None
    page_id, content_type_id, url_path = match
    matched = len(url_path[len(root_path) :].strip("/").split("/"))
    return load_for_reader(page_id, content_type_id, language), path_components[matched:]


def original_route(page_class):
    """The route that ``route`` replaces (wagtail-modeltranslation's), for the fallback."""
    return page_class.__dict__.get("route") or Page.route


def install(page_class):
    """Make ``page_class`` (the site root's type) route in one query."""
    fallback = original_route(page_class)

    def route(self, request, path_components):
        found = None
        if path_components:
            found = find_route(self, path_components, translation.get_language())
        if found is None:
            return fallback(self, request, path_components)
        page, remaining = found
        return page.route(request, remaining)

    route.__doc__ = __doc__
    page_class.route = route


def attach_site(request):
    """Give Wagtail the request's site (``request._wagtail_site``) from the memo above."""
    key = (request._get_raw_host(), request.get_port(), page_cache.generation(request))
    site = _SITES.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is None:
            return
        site.root_page = site.root_page.specific
        if len(_SITES) >= MAX_SITES:
            _SITES.clear()
        _SITES[key] = site
    request._wagtail_site = site


class SiteMiddleware:
    """Sets the request's Wagtail site before page serving looks it up (not for the admin)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(page_cache.NEVER_CACHED):
            attach_site(request)
        return self.get_response(request)
