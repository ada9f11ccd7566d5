"""Command-line arguments of the materials commands: pages, languages, variants, paper."""

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import translation

from wagtail.models import Page

from materials.models import PaperSize, Variant
from materials.printable import is_printable


def printable_page(reference):
    """A curriculum or module by id, slug, or ``curriculum-slug/module-slug``."""
    with translation.override(settings.LANGUAGE_CODE):
        if reference.isdigit():
            pages = Page.objects.filter(pk=int(reference))
        else:
            *parents, slug = reference.strip("/").split("/")
            pages = Page.objects.filter(slug=slug)
            if parents:
                pages = pages.filter(url_path__endswith=f"/{'/'.join(parents)}/{slug}/")
        candidates = [page for page in pages.specific() if is_printable(page)]
    if not candidates:
        raise CommandError(f"No curriculum or module page matches '{reference}'.")
    if len(candidates) > 1:
        listing = ", ".join(f"{page.pk} ({page.url_path})" for page in candidates)
        raise CommandError(
            f"'{reference}' matches several pages: {listing}. "
            "Give the page id or 'curriculum-slug/module-slug'."
        )
    return candidates[0]


def curriculum_page(reference):
    page = printable_page(reference)
    if not page.makes_offline_pack:
        raise CommandError(f"'{reference}' is a module, not a curriculum.")
    return page


def language(code):
    codes = [code for code, _name in settings.LANGUAGES]
    if code not in codes:
        raise CommandError(f"Unknown language '{code}'. Choose from: {', '.join(codes)}.")
    return code


def variant(value):
    if value not in Variant.values:
        raise CommandError(f"Unknown variant '{value}'. Choose from: {', '.join(Variant.values)}.")
    return value


def paper_size(value):
    if value is None:
        return None
    if value not in PaperSize.values:
        raise CommandError(
            f"Unknown paper size '{value}'. Choose from: {', '.join(PaperSize.values)}."
        )
    return value
