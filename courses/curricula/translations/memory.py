"""Translation memory: texts already translated elsewhere in the site.

A text of the English source that another page (or a glossary term) already has a
translation of in the same language is offered to the translator, marked as a
suggestion to review, never saved without them.
"""

from courses.curricula.models import CurriculumPage, GlossaryTerm, ModulePage
from courses.curricula.translations.segments import is_translated, page_segments
from pdo_site.translated_fields import SOURCE_LANGUAGE


def _columns(model, language):
    return [
        f"{name}_{code}"
        for name in model.translated_content_fields
        for code in (SOURCE_LANGUAGE, language)
    ]


def translation_memory(language, sources):
    """{English text: translation} for those of ``sources`` translated somewhere."""
    wanted = {s for s in sources if s}
    if not wanted:
        return {}
    found = {}
    for model in (CurriculumPage, ModulePage):
        # Only the two languages' columns: a page row holds fourteen bodies.
        for page in model.objects.only(*_columns(model, language)).iterator():
            for segment in page_segments(page, language):
                if segment.source in wanted and is_translated(segment):
                    found.setdefault(segment.source, segment.target)
    for name in ("term", "definition"):
        for source, target in GlossaryTerm.objects.filter(
            **{f"{name}_{SOURCE_LANGUAGE}__in": wanted}
        ).values_list(f"{name}_{SOURCE_LANGUAGE}", f"{name}_{language}"):
            if target and target.strip() and target != source:
                found.setdefault(source, target)
    return found


def offer_suggestions(segments, language):
    """Set ``suggestion`` on the untranslated segments the memory knows."""
    missing = [s for s in segments if not is_translated(s)]
    memory = translation_memory(language, [s.source for s in missing])
    for segment in missing:
        segment.suggestion = memory.get(segment.source, "")
