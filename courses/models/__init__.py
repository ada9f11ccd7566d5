from courses.models.curriculum import CurriculumIndexPage, CurriculumPage, ModulePage
from courses.models.delivery import (
    Attendance,
    Enrolment,
    Location,
    Participant,
    SessionDay,
    TrainingSession,
)
from courses.models.elearning import (
    Certificate,
    CourseEnrolment,
    LearnerProfile,
    LessonProgress,
    QuizAttempt,
)
from courses.models.reporting import SessionSummary, TrainedCount, TrainedParticipant
from courses.models.snippets import DestinationFacts, GlossaryTerm
from courses.models.translation_status import TranslationStatus

__all__ = [
    "Attendance",
    "Certificate",
    "CourseEnrolment",
    "LearnerProfile",
    "LessonProgress",
    "QuizAttempt",
    "CurriculumIndexPage",
    "CurriculumPage",
    "DestinationFacts",
    "Enrolment",
    "GlossaryTerm",
    "Location",
    "ModulePage",
    "Participant",
    "SessionDay",
    "SessionSummary",
    "TrainedCount",
    "TrainedParticipant",
    "TrainingSession",
    "TranslationStatus",
]
