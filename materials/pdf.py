"""The one place that turns HTML into PDF (WeasyPrint), for every document the platform
prints: handouts and trainer guides, attendance sheets, certificates.

Fonts are bundled (``materials/fonts``, SIL Open Font License), so every machine
prints the same; only those fonts, ``data:`` URLs and files of the default storage
may be loaded (``materials.url_fetcher``).
"""

from dataclasses import dataclass

from django.conf import settings

from materials.fonts import FONT_DIR, font_urls
from materials.models import PaperSize, default_paper_size

PAPER_CSS = {PaperSize.A4: "A4", PaperSize.LETTER: "letter"}


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int


def print_assets(paper_size=None):
    """Template context every print template may use: fonts and the CSS paper size."""
    return {
        "font_dir": FONT_DIR.as_uri(),
        "fonts": font_urls(),
        "paper": PAPER_CSS.get(paper_size or default_paper_size(), "A4"),
    }


def render_pdf(html, base_url=None):
    """The PDF of print HTML, with its number of pages.

    ``base_url`` is the site's address (default: ``WAGTAILADMIN_BASE_URL``): links
    in the PDF point to the site, and images under it are read from the storage.
    """
    # WeasyPrint and Pango take about half a second to import: only the processes
    # that render (the worker, commands, certificate and sheet downloads) pay it.
    from weasyprint import HTML  # noqa: PLC0415
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415

    from materials.url_fetcher import PrintURLFetcher  # noqa: PLC0415 (imports WeasyPrint)

    base_url = base_url or settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=PrintURLFetcher(base_url)).render(
        font_config=FontConfiguration()
    )
    return RenderedPdf(document.write_pdf(), len(document.pages))
