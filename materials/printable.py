"""What a page type implements to have printable PDFs.

Materials asks the page, never its class: a page type that inherits
``materials.pages.PrintablePageMixin`` (which adds the PDF routes to this
interface) says which template prints it, what its documents hold and which
other pages' revisions they show. Nothing in materials imports a curriculum model.
"""

from django.db.models import QuerySet

from wagtail.models import Page, get_page_models


class Printable:
    """The printing interface. Override what differs from a page printed on its own."""

    #: The print template of the page's documents (under ``materials/print/``).
    print_template = ""
    #: True for a page whose documents hold other printable pages (a curriculum):
    #: it can be packed with them into an offline pack.
    makes_offline_pack = False
    #: The fields whose language versions decide in which languages documents exist.
    translated_content_fields = ()

    def print_parts(self):
        """The printable pages a document of this page holds, in order (itself alone)."""
        return [self]

    def print_context(self):
        """Extra context for the print template (the page is in it as ``page``)."""
        return {}

    def print_sources(self) -> QuerySet:
        """Other pages whose published revisions a document of this page shows."""
        return Page.objects.none()

    def print_dependants(self):
        """Printable pages whose documents show this page, rebuilt when it is published."""
        return []


def is_printable(page):
    return isinstance(page, Printable)


def offline_pack_pages():
    """Live pages that can be packed with what they hold (curricula), in tree order."""
    types = [model for model in get_page_models() if getattr(model, "makes_offline_pack", False)]
    return Page.objects.type(*types).live().filter(alias_of__isnull=True).order_by("path")
