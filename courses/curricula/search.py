"""Search over curricula and modules, for a reader of one language.

The search index (Wagtail's database backend: full-text search on PostgreSQL,
FTS5 on SQLite) holds every language version of a page, without trainer notes.
Results are then kept only where the query's words occur in what this reader
actually sees: their language's text, or the English text it falls back to.
Word endings are forgiven (the index stems words; "renting" finds "rent").
"""

import re

from django.utils.html import strip_tags

from courses.curricula.models import CurriculumPage, ModulePage
from pdo_site.translated_fields import SOURCE_LANGUAGE, field_value, is_filled

SEARCHED_FIELDS = {
    CurriculumPage: ("title", "summary", "learning_objectives"),
    ModulePage: ("title", "summary", "key_messages", "body"),
}
WORD = re.compile(r"\w+", re.UNICODE)


def field_text(page, field, language):
    value = field_value(page, field, language)
    if not is_filled(value):
        return ""
    if field == "body":
        return " ".join(value.stream_block.get_searchable_content(value))
    return str(value)


def visible_text(page, language):
    """What a reader of ``language`` sees of the page: their language, English where missing."""
    texts = []
    for field in SEARCHED_FIELDS[type(page)]:
        text = field_text(page, field, language) or field_text(page, field, SOURCE_LANGUAGE)
        texts.append(strip_tags(text))
    return " ".join(texts).casefold()


def word_stems(query):
    return [word[: max(4, len(word) - 3)] for word in WORD.findall(query.casefold())]


def search_pages(query, language):
    """Matching live curricula, then modules, by relevance; shared-module aliases left out."""
    stems = word_stems(query)
    if not stems:
        return []
    found = []
    for model in (CurriculumPage, ModulePage):
        pages = model.objects.live().public().filter(alias_of__isnull=True)
        for page in pages.search(query, operator="and"):
            text = visible_text(page, language)
            if all(stem in text for stem in stems):
                found.append(page)
    return found
