from courses.models.curriculum import CurriculumIndexPage, CurriculumPage, ModulePage
from courses.models.snippets import DestinationFacts, GlossaryTerm
from courses.models.translation_status import TranslationStatus

__all__ = [
    "CurriculumIndexPage",
    "CurriculumPage",
    "DestinationFacts",
    "GlossaryTerm",
    "ModulePage",
    "TranslationStatus",
]
