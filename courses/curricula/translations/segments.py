"""The texts a translator translates: every translatable field of a page and every text
of its English body, in order, each beside the target language's version.

A text is addressed by a key that survives edits of the English: ``title``, or
``body.<block id>.<child name>.<list item id>`` inside the body. The target body is
built by following the English structure (same block types, ids and order) and putting
each translated text in its place; texts not translated yet keep the English, as a
reader of the language gets for a whole untranslated field.
"""

import copy
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StreamValue

from courses.curricula.models import TranslationStatus
from courses.curricula.models.translation_status import language_digest
from pdo_site.translated_fields import SOURCE_LANGUAGE, field_value

MISSING, STALE, DONE = "missing", "stale", "done"
STATE_LABELS = {
    MISSING: _("Not translated"),
    STALE: _("Needs review"),
    DONE: _("Translated"),
}
LETTER = re.compile(r"[^\W\d_]")
# How many revisions back to look for the English a stale translation was made from.
REVISIONS_SEARCHED = 25
TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)


@dataclass
class Segment:
    """One text to translate, with where it stands and what surrounds it."""

    key: str
    source: str
    target: str = ""
    rich: bool = False
    multiline: bool = False
    max_length: int | None = None
    label: str = ""
    heading: str = ""
    state: str = MISSING
    suggestion: str = ""
    errors: list = field(default_factory=list)

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


def translatable(text):
    """Texts without a letter (numbers, addresses) are carried over unchanged."""
    return isinstance(text, str) and bool(LETTER.search(text))


def raw_stream(value):
    if isinstance(value, StreamValue):
        return value.get_prep_value()
    return value or []


def _list_items(value):
    """(key part, item value, raw item) for a ListBlock value in either storage format."""
    for index, item in enumerate(value or []):
        if isinstance(item, dict) and item.get("type") == "item":
            yield item.get("id") or str(index), item["value"], item
        else:
            yield str(index), item, None


def _target_items(value):
    return {part: item for part, item, _raw in _list_items(value)}


def _max_length(block):
    if isinstance(block, blocks.CharBlock):
        return block.field.max_length
    # TextBlock and RichTextBlock build their form field (a widget) on first use: skip it.
    return getattr(block, "field_options", {}).get("max_length")


class _Walker:
    """Walks the English value of a block beside the target's, yielding Segments."""

    def __init__(self, segments):
        self.segments = segments
        self.heading = ""

    def walk(self, block, source, target, key, label):
        if isinstance(block, blocks.StreamBlock):
            targets = {child.get("id"): child for child in target or [] if isinstance(child, dict)}
            for child in source or []:
                child_block = block.child_blocks.get(child.get("type"))
                if child_block is None:
                    continue
                matching = targets.get(child.get("id"), {})
                self.walk(
                    child_block,
                    child.get("value"),
                    matching.get("value") if matching.get("type") == child["type"] else None,
                    f"{key}.{child.get('id')}",
                    str(child_block.label),
                )
                if isinstance(child_block, blocks.CharBlock) and child["type"] == "heading":
                    self.heading = child.get("value") or ""
        elif isinstance(block, blocks.StructBlock):
            target = target if isinstance(target, dict) else {}
            for name, child_block in block.child_blocks.items():
                self.walk(
                    child_block,
                    (source or {}).get(name),
                    target.get(name),
                    f"{key}.{name}",
                    f"{label} · {child_block.label}",
                )
        elif isinstance(block, blocks.ListBlock):
            targets = _target_items(target)
            for part, item, _raw in _list_items(source):
                self.walk(block.child_block, item, targets.get(part), f"{key}.{part}", label)
        elif isinstance(block, TEXT_BLOCKS) and translatable(source):
            self.segments.append(
                Segment(
                    key=key,
                    source=source,
                    target=target if isinstance(target, str) else "",
                    rich=isinstance(block, blocks.RichTextBlock),
                    multiline=not isinstance(block, blocks.CharBlock),
                    max_length=_max_length(block),
                    label=label,
                    heading=self.heading,
                )
            )


def _plain_field_segment(page, name, language):
    model_field = page._meta.get_field(name)
    source = field_value(page, name, SOURCE_LANGUAGE)
    if not translatable(source):
        return None
    return Segment(
        key=name,
        source=source,
        target=field_value(page, name, language) or "",
        multiline=model_field.get_internal_type() == "TextField",
        max_length=model_field.max_length,
        label=str(model_field.verbose_name).capitalize(),
    )


def page_segments(page, language):
    """Every text of ``page`` to translate into ``language``, in reading order."""
    segments = []
    for name in page.translated_content_fields:
        model_field = page._meta.get_field(name)
        stream_block = getattr(model_field, "stream_block", None)
        if stream_block is None:
            segment = _plain_field_segment(page, name, language)
            if segment:
                segments.append(segment)
            continue
        _Walker(segments).walk(
            stream_block,
            raw_stream(field_value(page, name, SOURCE_LANGUAGE)),
            raw_stream(field_value(page, name, language)),
            name,
            "",
        )
    for segment in segments:
        segment.state = DONE if is_translated(segment) else MISSING
    return segments


def is_translated(segment):
    return bool(segment.target.strip()) and segment.target != segment.source


def gone_blocks(page, language):
    """Blocks of the target body that the English body no longer has (removed on save)."""
    gone = []
    for name in page.translated_content_fields:
        stream_block = getattr(page._meta.get_field(name), "stream_block", None)
        if stream_block is None:
            continue
        source_ids = {c.get("id") for c in raw_stream(field_value(page, name, SOURCE_LANGUAGE))}
        for child in raw_stream(field_value(page, name, language)):
            if child.get("id") not in source_ids:
                child_block = stream_block.child_blocks.get(child.get("type"))
                gone.append(str(child_block.label) if child_block else child.get("type"))
    return gone


def english_when_translated(page, language):
    """{key: English text} as it was when ``language`` was last edited, for stale checks.

    None when the language version is up to date; {} when that English is not found
    among recent revisions (then every translated text needs review).
    """
    digests = dict(
        TranslationStatus.objects.filter(
            page_id=page.pk, language__in=[SOURCE_LANGUAGE, language]
        ).values_list("language", "source_digest")
    )
    recorded = digests.get(language)
    if not recorded or recorded == digests.get(SOURCE_LANGUAGE):
        return None
    for revision in page.revisions.order_by("-created_at")[:REVISIONS_SEARCHED]:
        older = revision.as_object()
        if language_digest(older, SOURCE_LANGUAGE) == recorded:
            return {s.key: s.source for s in page_segments(older, language)}
    return {}


def mark_stale(segments, earlier_english):
    if earlier_english is None:
        return
    for segment in segments:
        if segment.state == DONE and earlier_english.get(segment.key) != segment.source:
            segment.state = STALE


def _build(block, source, texts, key):
    """The English value with every text replaced by its translation (or kept)."""
    if isinstance(block, blocks.StreamBlock):
        built = []
        for child in source or []:
            child_block = block.child_blocks.get(child.get("type"))
            value = child.get("value")
            if child_block is not None:
                value = _build(child_block, value, texts, f"{key}.{child.get('id')}")
            built.append({**child, "value": value})
        return built
    if isinstance(block, blocks.StructBlock):
        source = dict(source or {})
        for name, child_block in block.child_blocks.items():
            if name in source:
                source[name] = _build(child_block, source[name], texts, f"{key}.{name}")
        return source
    if isinstance(block, blocks.ListBlock):
        built = []
        for part, item, raw in _list_items(source):
            value = _build(block.child_block, item, texts, f"{key}.{part}")
            built.append({**raw, "value": value} if raw is not None else value)
        return built
    text = texts.get(key, "")
    return text if text.strip() else copy.deepcopy(source)


def apply_translations(page, language, texts):
    """Write ``texts`` ({key: translation}, blank = untranslated) into the page's
    ``language`` fields; the body follows the English structure."""
    for name in page.translated_content_fields:
        model_field = page._meta.get_field(name)
        stream_block = getattr(model_field, "stream_block", None)
        if stream_block is None:
            if name in texts:
                setattr(page, f"{name}_{language}", texts[name].strip())
            continue
        prefix = f"{name}."
        wanted = {k: v for k, v in texts.items() if k.startswith(prefix) and v.strip()}
        source = raw_stream(field_value(page, name, SOURCE_LANGUAGE))
        built = _build(stream_block, source, wanted, name) if wanted else []
        setattr(page, f"{name}_{language}", built)


def current_translations(segments):
    """{key: translation} of the texts already translated (to merge an import with)."""
    return {s.key: s.target for s in segments if s.state != MISSING}
