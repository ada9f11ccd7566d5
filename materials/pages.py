"""The printable-page mixin: a page's PDFs live under its own URL.

``<page url>pdf/?variant=handout`` answers with the PDF when it is built, and with a
progress page (which polls ``<page url>pdf/status/``) while it is being built.
"""

from django.utils.http import urlencode

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from materials.printable import Printable
from materials.views.public import document_status, serve_document


class PrintablePageMixin(Printable, RoutablePageMixin):
    """Adds the PDF routes to a page type that implements ``Printable``."""

    @path("pdf/", name="pdf")
    def pdf_route(self, request):
        return serve_document(request, self)

    @path("pdf/status/", name="pdf_status")
    def pdf_status_route(self, request):
        return document_status(request, self)

    def pdf_url(self, variant, request=None):
        """The page's PDF in the active language (its URL carries the language)."""
        return self._subpage_url("pdf", variant, request)

    def pdf_status_url(self, variant, request=None):
        return self._subpage_url("pdf_status", variant, request)

    def _subpage_url(self, name, variant, request):
        query = urlencode({"variant": variant})
        return f"{self.get_url(request)}{self.reverse_subpage(name)}?{query}"
