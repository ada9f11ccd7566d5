"""Translation coverage: the share of a page's fields translated into each language,
for the coverage report (read in a fixed number of queries)."""

from wagtail.models import Page

from courses.curricula.models import ModulePage, TranslationStatus
from courses.curricula.models.translation_status import source_fields
from pdo_site.translated_fields import SOURCE_LANGUAGE, TARGET_LANGUAGES, field_value, is_filled


def coverage(page, language):
    """Share (0.0–1.0) of the English-filled fields that the language fills too."""
    fields = source_fields(page)
    if not fields:
        return 1.0
    done = sum(1 for f in fields if is_filled(field_value(page, f, language)))
    return done / len(fields)


def coverage_rows(pages):
    """Decorate report rows with per-language coverage, in a fixed number of queries.

    Returns the pages as their specific objects, in the given order, each with
    ``kind``, ``curriculum_title``, ``coverage_cells`` ({language: cell}) and
    ``export_<language>`` (the cell as text for spreadsheets).
    """
    ids = [page.pk for page in pages]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    statuses = {}
    for status in TranslationStatus.objects.filter(page_id__in=ids):
        statuses[(status.page_id, status.language)] = status.source_digest
    parent_paths = {page.path[: -Page.steplen] for page in specific.values()}
    parent_titles = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))

    rows = []
    for page_id in ids:
        page = specific[page_id]
        is_module = isinstance(page, ModulePage)
        page.kind = type(page)._meta.verbose_name.capitalize()
        page.curriculum_title = (
            parent_titles.get(page.path[: -Page.steplen], "") if is_module else page.title
        )
        source_digest = statuses.get((page_id, SOURCE_LANGUAGE))
        page.coverage_cells = {}
        for language in TARGET_LANGUAGES:
            share = coverage(page, language)
            recorded = statuses.get((page_id, language))
            needs_review = bool(recorded and source_digest and recorded != source_digest)
            cell = {"percent": round(share * 100), "needs_review": needs_review}
            page.coverage_cells[language] = cell
            text = f"{cell['percent']}%"
            if needs_review:
                text += " (needs review)"
            setattr(page, f"export_{language}", text)
        rows.append(page)
    return rows
