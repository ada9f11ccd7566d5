"""Search over curricula and modules, for a reader of one language.

Results are what the query's words match in what this reader actually sees: their
language's text, or the English text it falls back to (never trainer notes).

On PostgreSQL the words are matched by the language's text-search dictionary where
PostgreSQL has one (``finnish``, ``swedish``, ``french``, ...; ``simple`` for the
others), so inflected forms find each other; each word also matches as a prefix,
because Snowball stemmers leave some changes inside the word alone (Finnish consonant
gradation: ``asunto`` stems to ``asunto``, ``asunnon`` to ``asuno``).

On SQLite Wagtail's index (FTS5) finds the candidates and the prefixes decide.
"""

import functools
import re

from django.db import connection
from django.utils.html import strip_tags

from courses.curricula.models import CurriculumPage, ModulePage
from pdo_site.translated_fields import SOURCE_LANGUAGE, field_value, is_filled

SEARCHED_FIELDS = {
    CurriculumPage: ("title", "summary", "learning_objectives"),
    ModulePage: ("title", "summary", "key_messages", "body"),
}
WORD = re.compile(r"\w+", re.UNICODE)
# PostgreSQL text-search configurations for the site languages that have one; a language
# missing here, or from the server (Arabic only since PostgreSQL 16), uses "simple".
TEXT_SEARCH_CONFIGS = {
    "en": "english",
    "fi": "finnish",
    "sv": "swedish",
    "fr": "french",
    "ar": "arabic",
}


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


def word_prefix(word):
    """The part of a word that its inflected forms usually share: "renting" -> "rent"."""
    return word[: max(4, len(word) - 3)]


def word_stems(query):
    return [word_prefix(word) for word in WORD.findall(query.casefold())]


@functools.cache
def _server_configs(alias):
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        return frozenset(name for (name,) in cursor.fetchall())


def text_search_config(language):
    """The PostgreSQL text-search configuration for ``language``: its own, or "simple"."""
    config = TEXT_SEARCH_CONFIGS.get(language)
    return config if config in _server_configs(connection.alias) else "simple"


def _rank_on_postgresql(pages, words, language):
    """``pages`` that match every word, best first, by ts_rank in the language's config."""
    config = text_search_config(language)
    # Per word: its stem in the language's dictionary, or its prefix (see the module doc).
    word_query = "(to_tsquery(%s::regconfig, %s) || to_tsquery('simple', %s))"
    query = " && ".join([word_query] * len(words))
    params = [value for word in words for value in (config, word, f"{word_prefix(word)}:*")]
    # Only "%s" placeholders are joined into the query; every value goes as a parameter.
    sql = (
        "SELECT t.ord, ts_rank(v.doc, q.query) AS rank"
        " FROM unnest(%s::text[]) WITH ORDINALITY AS t(text, ord)"
        " CROSS JOIN LATERAL to_tsvector(%s::regconfig, t.text) AS v(doc)"
        f" CROSS JOIN (SELECT {query} AS query) AS q"  # nosec B608
        " WHERE v.doc @@ q.query ORDER BY rank DESC, t.ord"
    )
    texts = [visible_text(page, language) for page in pages]
    with connection.cursor() as cursor:
        cursor.execute(sql, [texts, config, *params])
        return [pages[ordinal - 1] for ordinal, _rank in cursor.fetchall()]


def search_pages(query, language):
    """Matching live curricula, then modules, by relevance; shared-module aliases left out."""
    words = WORD.findall(query.casefold())
    if not words:
        return []
    found = []
    for model in (CurriculumPage, ModulePage):
        pages = model.objects.live().public().filter(alias_of__isnull=True)
        if connection.vendor == "postgresql":
            found.extend(_rank_on_postgresql(list(pages), words, language))
            continue
        stems = word_stems(query)
        for page in pages.search(query, operator="and"):
            text = visible_text(page, language)
            if all(stem in text for stem in stems):
                found.append(page)
    return found
