"""Which parts of a module's body a reader sees in English instead of their language.

Each language has its own copy of the body (``body_ar``). A translator starts from a
copy of the English structure, so a translated body can still hold English texts:
blocks nobody has translated yet. A block counts as English when every text it has
(headings, paragraphs, titles, steps, options …) is also a text of the English body.
When a language has no body at all, the reader gets the English body: all of it is
English. Templates mark English blocks with ``lang="en" dir="ltr"`` so that, inside a
right-to-left page, their punctuation stays where the author put it
(docs/translations.md, "Missing translations").
"""

from django.utils import translation

from wagtail import blocks

from pdo_site.languages import SITE_LANGUAGES
from pdo_site.translated_fields import SOURCE_LANGUAGE, falls_back, field_value, is_filled


def block_texts(block_def, value):
    """The texts a reader sees in a block value, for comparison across languages."""
    if value is None:
        return
    if isinstance(block_def, blocks.StructBlock):
        for name, child in block_def.child_blocks.items():
            yield from block_texts(child, value.get(name))
    elif isinstance(block_def, blocks.ListBlock):
        for item in value:
            yield from block_texts(block_def.child_block, item)
    elif isinstance(block_def, blocks.StreamBlock):
        for child in value:
            yield from block_texts(child.block, child.value)
    elif isinstance(block_def, blocks.RichTextBlock):
        text = value.source.strip()
        if text:
            yield text
    elif isinstance(block_def, (blocks.CharBlock, blocks.TextBlock)):
        text = str(value).strip()
        if text:
            yield text


def stream_texts(stream):
    return {text for child in stream or [] for text in block_texts(child.block, child.value)}


class BodyLanguagesMixin:
    """For a page type with a translated ``body`` StreamField."""

    def _english_texts(self):
        memo = self.__dict__.setdefault("_english_body_texts", [])
        if not memo:
            memo.append(stream_texts(field_value(self, "body", SOURCE_LANGUAGE)))
        return memo[0]

    def block_is_english(self, block, language=None):
        """True when a reader of ``language`` sees this body block only in English."""
        language = language or translation.get_language()
        if language == SOURCE_LANGUAGE:
            return False
        if falls_back(self, "body", language):
            return True
        texts = set(block_texts(block.block, block.value))
        return bool(texts) and texts <= self._english_texts()

    @property
    def body_for_reader(self):
        """(block, is English) for each block of the body in the active language."""
        language = translation.get_language()
        memo = self.__dict__.setdefault("_body_for_reader", {})
        if language not in memo:
            memo[language] = [
                (block, self.block_is_english(block, language)) for block in self.body
            ]
        return memo[language]

    @property
    def sections_for_reader(self):
        """(anchor, heading, is English) for each heading: the table of contents."""
        return [
            (f"section-{block.id}", block.value, english)
            for block, english in self.body_for_reader
            if block.block_type == "heading"
        ]

    @property
    def body_is_english(self):
        """True when everything the body says is shown in English to this reader."""
        language = translation.get_language()
        if language == SOURCE_LANGUAGE:
            return False
        if falls_back(self, "body", language):
            return True
        with_text = [
            english
            for block, english in self.body_for_reader
            if any(block_texts(block.block, block.value))
        ]
        return bool(with_text) and all(with_text)

    def body_languages(self, request=None):
        """[{code, name_local, url}] of the languages the body is written in (one query)."""
        columns = [f"body_{code}" for code, *_rest in SITE_LANGUAGES]
        row = type(self).objects.filter(pk=self.pk).values_list(*columns).first() or ()
        filled = {
            code
            for (code, *_rest), value in zip(SITE_LANGUAGES, row, strict=False)
            if is_filled(value)
        }
        available = []
        for code, _name, name_local, rtl in SITE_LANGUAGES:
            if code not in filled or code == translation.get_language():
                continue
            with translation.override(code):
                url = self.get_url(request=request)
            available.append(
                {"code": code, "name_local": name_local, "dir": "rtl" if rtl else "ltr", "url": url}
            )
        return available
