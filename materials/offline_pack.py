"""Offline packs: a ZIP of a curriculum's PDFs for trainers going where there is no internet.

The ZIP holds every handout and trainer guide of the curriculum and of each module in
the chosen languages, and an ``index.html`` that links them by relative paths, so it
works straight from a USB stick.
"""

import zipfile
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import get_language_info, gettext

from materials.documents import ensure_built
from materials.models import Variant, default_paper_size
from materials.tasks import request_document
from pdo_site.templatetags.pdo_tags import fallback_attrs


@dataclass
class PackEntry:
    """One PDF of the pack: which page, language and variant, and where it goes in the ZIP."""

    page: object
    language: str
    variant: str
    path: str
    document: object = None


def pack_pages(curriculum):
    return [curriculum, *curriculum.print_parts()]


def pack_entries(curriculum, languages, variants=Variant.values):
    """Every (page, language, variant) the pack holds, with its path inside the ZIP."""
    entries = []
    for language in languages:
        for position, page in enumerate(pack_pages(curriculum)):
            for variant in variants:
                slug = slugify(getattr(page, "slug_en", "") or page.slug) or str(page.pk)
                folder = f"{language}/" if position == 0 else f"{language}/modules/"
                prefix = "" if position == 0 else f"{position:02d}-"
                entries.append(
                    PackEntry(page, language, variant, f"{folder}{prefix}{slug}-{variant}.pdf")
                )
    return entries


def request_pack(entries, paper_size=None):
    """Find or queue every document of the pack; returns how many are ready."""
    ready = 0
    for entry in entries:
        entry.document = request_document(entry.page, entry.language, entry.variant, paper_size)
        ready += entry.document.is_ready
    return ready


def build_pack(entries, paper_size=None, progress=None):
    """Render, in this process, every document of the pack that is not built yet."""
    for number, entry in enumerate(entries, start=1):
        entry.document = ensure_built(entry.page, entry.language, entry.variant, paper_size)
        if progress:
            progress(number, len(entries), entry)


def index_sections(curriculum, entries):
    """What index.html lists: each language in its own words, direction and titles."""
    sections = []
    for language in dict.fromkeys(entry.language for entry in entries):
        with translation.override(language):
            pages = {}
            for entry in entries:
                if entry.language != language:
                    continue
                row = pages.setdefault(
                    entry.page.pk,
                    {
                        "title": entry.page.title,
                        # Untranslated titles fall back to English: say so to browsers.
                        "title_attrs": fallback_attrs(entry.page, "title"),
                        "links": [],
                    },
                )
                row["links"].append({"path": entry.path, "label": Variant(entry.variant).label})
            whole, *modules = pages.values()
            sections.append(
                {
                    "language": language,
                    "name": get_language_info(language)["name_local"],
                    "rtl": get_language_info(language)["bidi"],
                    "curriculum": whole,
                    "modules": modules,
                    "whole_heading": gettext("The whole curriculum"),
                    "modules_heading": gettext("Modules"),
                }
            )
    return sections


def write_pack(curriculum, entries, fileobj):
    """Write the ZIP of built ``entries`` to ``fileobj``."""
    index = render_to_string(
        "materials/offline_pack/index.html",
        {"curriculum": curriculum, "sections": index_sections(curriculum, entries)},
    )
    # PDFs are compressed already: storing them is as small and much faster.
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("index.html", index, compress_type=zipfile.ZIP_DEFLATED)
        for entry in entries:
            with entry.document.file.open("rb") as pdf:
                archive.writestr(entry.path, pdf.read())


def pack_filename(curriculum, languages, paper_size=None):
    slug = slugify(getattr(curriculum, "slug_en", "") or curriculum.slug)
    return f"{slug}-{'-'.join(languages)}-{paper_size or default_paper_size()}.zip"
