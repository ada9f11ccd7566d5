"""From a printable page to print HTML (``materials.pdf`` makes the PDF).

Nothing here caches or queues (that is ``materials.documents``). What a document
holds comes from the page itself (``materials.printable.Printable``).
"""

import re

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language_info, gettext

from materials.models import PaperSize, Variant
from materials.pdf import print_assets

# Bump when the print templates or CSS change in a way that should rebuild every PDF:
# the version is part of every document's content key.
LAYOUT_VERSION = 2


def css_string(text):
    """``text`` as a quoted CSS string, safe inside a <style> element too."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return '"' + escaped.replace("<", "\\3C ") + '"'


def css_content(template, **expressions):
    """A translated "Page %(page)s of %(pages)s" as a CSS ``content`` value.

    Translators may reorder the placeholders; each becomes its CSS expression
    (``counter(page)``) between the quoted pieces of text.
    """
    parts = []
    for position, piece in enumerate(re.split(r"%\((\w+)\)s", template)):
        if position % 2:
            parts.append(expressions[piece])
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts) or '""'


def document_context(page, variant, language, revision_id, paper_size):
    """The print templates' context for one document. Call with ``language`` active."""
    trainer_guide = variant == Variant.TRAINER
    info = get_language_info(language)
    assets = print_assets(paper_size)
    return {
        "page": page,
        "variant": variant,
        "variant_label": Variant(variant).label,
        "is_trainer_guide": trainer_guide,
        # Block templates decide by this, as on the site.
        "show_trainer_notes": trainer_guide,
        "language": language,
        "language_name": info["name_local"],
        "rtl": info["bidi"],
        "revision_id": revision_id,
        "built_on": timezone.localdate(),
        "paper_css": assets["paper"],
        "fonts": assets["fonts"],
        "page_counter_css": css_content(
            gettext("Page %(page)s of %(pages)s"), page="counter(page)", pages="counter(pages)"
        ),
        **page.print_context(),
    }


def render_html(page, variant, language, revision_id=None, paper_size=PaperSize.A4):
    """The print HTML of a printable ``page`` in ``language``."""
    with translation.override(language):
        context = document_context(page, variant, language, revision_id, paper_size)
        return render_to_string(page.print_template, context)


def site_base_url(page):
    site = page.get_site()
    return (site.root_url if site else "http://localhost") + "/"
