from courses.training.models.access import DataAccess
from courses.training.models.history import TrainingLogEntry
from courses.training.models.participants import Attendance, Enrolment, Participant
from courses.training.models.publication import PublishedQuarter
from courses.training.models.sessions import Location, SessionDay, TrainingSession
from courses.training.models.summaries import SessionSummary, TrainedCount, TrainedParticipant

__all__ = [
    "Attendance",
    "DataAccess",
    "Enrolment",
    "Location",
    "Participant",
    "PublishedQuarter",
    "SessionDay",
    "SessionSummary",
    "TrainedCount",
    "TrainedParticipant",
    "TrainingLogEntry",
    "TrainingSession",
]
