from modeltranslation.translator import TranslationOptions, register

from courses.curricula.models import (
    CurriculumIndexPage,
    CurriculumPage,
    DestinationFacts,
    GlossaryTerm,
    ModulePage,
)


@register(CurriculumIndexPage)
class CurriculumIndexPageTranslationOptions(TranslationOptions):
    fields = ("intro",)


@register(CurriculumPage)
class CurriculumPageTranslationOptions(TranslationOptions):
    fields = ("summary", "learning_objectives")


@register(ModulePage)
class ModulePageTranslationOptions(TranslationOptions):
    fields = ("summary", "key_messages", "body")


@register(GlossaryTerm)
class GlossaryTermTranslationOptions(TranslationOptions):
    fields = ("term", "definition")


@register(DestinationFacts)
class DestinationFactsTranslationOptions(TranslationOptions):
    fields = ("currency", "climate", "key_authorities")
