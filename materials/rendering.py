"""From a curriculum or module page to print HTML (``materials.pdf`` makes the PDF).

Nothing here caches or queues (that is ``materials.documents``).
"""

import re
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language_info, gettext

from courses.models import CurriculumPage
from materials.models import PaperSize, Variant

FONT_DIR = Path(__file__).resolve().parent / "fonts"
# Bump when the print templates or CSS change in a way that should rebuild every PDF:
# the version is part of every document's content key.
LAYOUT_VERSION = 1

FONT_FILES = {
    "sans": "NotoSans-Regular.ttf",
    "sans_bold": "NotoSans-Bold.ttf",
    "arabic": "NotoNaskhArabic-Regular.ttf",
    "arabic_bold": "NotoNaskhArabic-Bold.ttf",
    "ethiopic": "NotoSansEthiopic-Regular.ttf",
    "ethiopic_bold": "NotoSansEthiopic-Bold.ttf",
}
PAPER_CSS = {PaperSize.A4: "A4", PaperSize.LETTER: "letter"}


def is_curriculum(page):
    return isinstance(page, CurriculumPage)


def modules_of(page):
    """The modules a document of ``page`` holds, in order."""
    return page.modules if is_curriculum(page) else [page]


def glossary_of(modules):
    """The glossary terms the modules use, each once, sorted for the active language."""
    terms = {}
    for module in modules:
        for block in module.body:
            if block.block_type == "glossary_term" and block.value is not None:
                terms.setdefault(block.value.pk, block.value)
    return sorted(terms.values(), key=lambda term: term.term.casefold())


def activities_of(module):
    """(title, minutes) of the module's activities: the trainer's timing plan."""
    return [
        (block.value["title"], block.value["duration_minutes"])
        for block in module.body
        if block.block_type == "activity"
    ]


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


def font_urls():
    return {name: (FONT_DIR / filename).as_uri() for name, filename in FONT_FILES.items()}


def document_context(page, variant, language, revision_id, paper_size):
    """The print templates' context for one document. Call with ``language`` active."""
    curriculum = page if is_curriculum(page) else page.curriculum
    modules = modules_of(page)
    trainer_guide = variant == Variant.TRAINER
    info = get_language_info(language)
    return {
        "page": page,
        "curriculum": curriculum,
        "modules": modules,
        "is_curriculum": is_curriculum(page),
        "variant": variant,
        "variant_label": Variant(variant).label,
        "is_trainer_guide": trainer_guide,
        # The block templates decide by these two, as on the site.
        "show_trainer_notes": trainer_guide,
        "destination": curriculum.destination if curriculum else "",
        "glossary": glossary_of(modules),
        "language": language,
        "language_name": info["name_local"],
        "rtl": info["bidi"],
        "revision_id": revision_id,
        "built_on": timezone.localdate(),
        "paper_css": PAPER_CSS.get(paper_size, "A4"),
        "fonts": font_urls(),
        "page_counter_css": css_content(
            gettext("Page %(page)s of %(pages)s"), page="counter(page)", pages="counter(pages)"
        ),
    }


def render_html(page, variant, language, revision_id=None, paper_size=PaperSize.A4):
    """The print HTML of ``page`` (a CurriculumPage or ModulePage) in ``language``."""
    template = (
        "materials/print/curriculum.html" if is_curriculum(page) else "materials/print/module.html"
    )
    with translation.override(language):
        context = document_context(page, variant, language, revision_id, paper_size)
        return render_to_string(template, context)


def site_base_url(page):
    site = page.get_site()
    return (site.root_url if site else "http://localhost") + "/"
