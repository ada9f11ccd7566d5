"""Translation status: which language versions were translated from an English text
that has since changed ("needs review"), and what a reader of a language gets.

``TrackedTranslationMixin.save`` keeps ``TranslationStatus`` current on every save of
a page's translatable content, so the coverage report can ask the database.
"""

import hashlib
import json

from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.blocks import StreamValue

from pdo_site.translated_fields import (
    SOURCE_LANGUAGE,
    TARGET_LANGUAGES,
    field_value,
    is_filled,
)


class TranslationStatus(models.Model):
    """What the English source looked like when a language version was last edited.

    When the English content's digest differs from ``source_digest``, the language
    version was translated from an older source and needs review.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="translation_statuses"
    )
    language = models.CharField(_("language"), max_length=10)
    source_digest = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="unique_translation_status")
        ]
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")

    def __str__(self):
        return f"{self.page_id} {self.language}"


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


def language_digest(page, language):
    """Digest of everything translatable in one language version ('' when it has none)."""
    fields = page.translated_content_fields
    if not any(is_filled(field_value(page, f, language)) for f in fields):
        return ""
    values = [_raw(field_value(page, f, language)) for f in fields]
    encoded = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def source_fields(page):
    """The translatable fields the English version fills: what a translation must cover."""
    return [
        f
        for f in page.translated_content_fields
        if is_filled(field_value(page, f, SOURCE_LANGUAGE))
    ]


def translation_state(page, language):
    """What a reader of ``language`` gets: which fields fall back to English."""
    if language == SOURCE_LANGUAGE:
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
    source_digest = language_digest(page, SOURCE_LANGUAGE)
    existing = {s.language: s for s in TranslationStatus.objects.filter(page_id=page.pk)}
    wanted = {SOURCE_LANGUAGE: source_digest}
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
