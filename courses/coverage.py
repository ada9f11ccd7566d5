"""Translation coverage: which fields of a page exist in which language, and which
language versions were translated from an English text that has since changed."""

import hashlib
import json

from django.conf import settings
from django.utils.translation import get_language_info

from wagtail.blocks import StreamValue

SOURCE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
TARGET_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != SOURCE]


def _raw(value):
    """A comparable, JSON-able form of a field value (StreamField block ids dropped)."""
    if isinstance(value, StreamValue):
        value = value.get_prep_value()

    def strip_ids(node):
        if isinstance(node, dict):
            return {k: strip_ids(v) for k, v in node.items() if k != "id"}
        if isinstance(node, list):
            return [strip_ids(v) for v in node]
        return node

    return strip_ids(value)


def field_value(page, field, language):
    return getattr(page, f"{field}_{language}", None)


def is_filled(value):
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return len(value) > 0


def language_digest(page, language):
    """Digest of everything translatable in one language version ('' when it has none)."""
    values = [_raw(field_value(page, f, language)) for f in page.translated_content_fields]
    if not any(is_filled(field_value(page, f, language)) for f in page.translated_content_fields):
        return ""
    encoded = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def source_fields(page):
    """The translatable fields the English version fills: what a translation must cover."""
    return [f for f in page.translated_content_fields if is_filled(field_value(page, f, SOURCE))]


def coverage(page, language):
    """Share (0.0–1.0) of the English-filled fields that the language fills too."""
    fields = source_fields(page)
    if not fields:
        return 1.0
    done = sum(1 for f in fields if is_filled(field_value(page, f, language)))
    return done / len(fields)


def translation_state(page, language):
    """What a reader of ``language`` gets: which fields fall back to English."""
    if language == SOURCE:
        return {"language": language, "fallback_fields": [], "is_complete": True}
    fallback = [f for f in source_fields(page) if not is_filled(field_value(page, f, language))]
    return {
        "language": language,
        "language_name": get_language_info(language)["name_local"],
        "fallback_fields": fallback,
        "is_complete": not fallback,
    }


def record_translation_changes(page, previous_digests):
    """After a save: note the English source of every language version edited in it.

    One status row per language that has content; the English row holds the current
    source digest, so "needs review" (a language row whose source digest differs
    from the English row's) can be asked of the database.
    """
    from courses.models import TranslationStatus

    source_digest = language_digest(page, SOURCE)
    existing = {s.language: s for s in TranslationStatus.objects.filter(page_id=page.pk)}
    wanted = {SOURCE: source_digest}
    for language in TARGET_LANGUAGES:
        digest = language_digest(page, language)
        if not digest:
            continue
        edited = digest != previous_digests.get(language)
        if edited or language not in existing:
            wanted[language] = source_digest
        else:
            wanted[language] = existing[language].source_digest

    stale = [lang for lang in existing if lang not in wanted]
    if stale:
        TranslationStatus.objects.filter(page_id=page.pk, language__in=stale).delete()
    changed = [
        TranslationStatus(page_id=page.pk, language=lang, source_digest=digest)
        for lang, digest in wanted.items()
        if lang not in existing or existing[lang].source_digest != digest
    ]
    if changed:
        TranslationStatus.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["page", "language"],
            update_fields=["source_digest", "updated_at"],
        )


class TrackedTranslationMixin:
    """Keeps TranslationStatus current whenever a page's translatable content is saved."""

    translated_content_fields = ()

    def _stored_digests(self):
        stored = type(self).objects.filter(pk=self.pk).first()
        if stored is None:
            return {}
        return {language: language_digest(stored, language) for language in TARGET_LANGUAGES}

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        tracked = update_fields is None or any(
            name.startswith(self.translated_content_fields) for name in update_fields
        )
        previous = self._stored_digests() if tracked and self.pk else {}
        result = super().save(*args, **kwargs)
        if tracked:
            record_translation_changes(self, previous)
        return result


def coverage_rows(pages):
    """Decorate report rows with per-language coverage, in a fixed number of queries.

    Returns the pages as their specific objects, in the given order, each with
    ``kind``, ``curriculum_title``, ``coverage_cells`` ({language: cell}) and
    ``export_<language>`` (the cell as text for spreadsheets).
    """
    from wagtail.models import Page

    from courses.models import TranslationStatus

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
        is_module = page.depth > 0 and type(page).__name__ == "ModulePage"
        page.kind = type(page)._meta.verbose_name.capitalize()
        page.curriculum_title = (
            parent_titles.get(page.path[: -Page.steplen], "") if is_module else page.title
        )
        source_digest = statuses.get((page_id, SOURCE))
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
