from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks

from pdo_site import page_cache


@hooks.register("insert_editor_js")
def deferred_translation_editors_js():
    return format_html('<script src="{}"></script>', static("js/deferred_editors.js"))


@hooks.register("on_serve_page")
def note_page_for_the_page_cache(callback):
    """Tell the page cache (pdo_site.page_cache) that Wagtail is serving a page."""

    def inner(page, request, serve_args, serve_kwargs):
        page_cache.mark_cacheable(request, page)
        return callback(page, request, serve_args, serve_kwargs)

    return inner
