from courses.curricula.models.editor_languages import EditorLanguages
from courses.curricula.models.pages import CurriculumIndexPage, CurriculumPage, ModulePage
from courses.curricula.models.snippets import DestinationFacts, GlossaryTerm
from courses.curricula.models.translation_status import TranslationStatus

__all__ = [
    "CurriculumIndexPage",
    "CurriculumPage",
    "DestinationFacts",
    "EditorLanguages",
    "GlossaryTerm",
    "ModulePage",
    "TranslationStatus",
]
