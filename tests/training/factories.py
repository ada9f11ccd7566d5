"""Factories for training records: locations, staff users, participants, sessions.

Sessions are saved the way the admin saves them: days first, then the session's
first day and the report summaries are brought up to date.
"""

import datetime

import factory

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from courses.training import summaries
from courses.training.attendance import enrol, record_marks
from courses.training.models import (
    Enrolment,
    Location,
    Participant,
    SessionDay,
    TrainingSession,
)


class LocationFactory(factory.django.DjangoModelFactory):
    country = "Turkey"
    site_name = factory.Sequence(lambda n: f"Location {n}")
    kind = Location.Kind.CITY

    class Meta:
        model = Location


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A user in one of the data migrations' groups; password ``pw-<username>-1``."""

    username = factory.Sequence(lambda n: f"staff{n}")
    password = factory.LazyAttribute(lambda o: f"pw-{o.username}-1")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, **kwargs)

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        for location in extracted or ():
            location.trainers.add(self)


class ParticipantFactory(factory.django.DjangoModelFactory):
    case_reference = factory.Sequence(lambda n: f"TST-25-{n:06d}")
    sex = Participant.Sex.FEMALE
    year_of_birth = 1990
    nationality = "Syrian"
    destination = "finland"
    location = factory.SubFactory(LocationFactory)

    class Meta:
        model = Participant


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    """``days``: ISO dates (9:00–13:00 each); ``participants``: how many to enrol."""

    curriculum = None
    location = factory.SubFactory(LocationFactory)
    delivery_language = "ar"
    destination = factory.LazyAttribute(lambda o: o.curriculum.destination or "finland")
    status = TrainingSession.Status.HELD

    class Meta:
        model = TrainingSession
        skip_postgeneration_save = True

    @factory.post_generation
    def days(self, create, extracted, **kwargs):
        dates = ("2026-03-02", "2026-03-03") if extracted is None else extracted
        for date in dates:
            SessionDay.objects.create(
                session=self,
                date=datetime.date.fromisoformat(date),
                start_time=datetime.time(9),
                end_time=datetime.time(13),
            )
        self.days_saved()
        summaries.session_saved(self)

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        for _ in range(2 if extracted is None else extracted):
            enrol(self, ParticipantFactory(location=self.location))
        self.refresh_from_db()


def mark(session, participant, date, status="present"):
    """Record one attendance mark as the sheet does (summaries kept current)."""
    day = session.days.get(date=datetime.date.fromisoformat(date))
    record_marks(session, {(participant.pk, day.pk): status})
    return day.attendance.get(participant=participant)


def fill_session(session, *, participants, days, start, reference):
    """Give a saved session ``days`` days from ``start`` and ``participants`` enrolled
    participants, created in bulk as an import would; ``reference(n)`` is the n-th case
    reference. Used by the scale tests and the benchmarks."""
    SessionDay.objects.bulk_create(
        SessionDay(
            session=session,
            date=start + datetime.timedelta(days=n),
            start_time=datetime.time(9),
            end_time=datetime.time(15),
        )
        for n in range(days)
    )
    session.days_saved()
    people = Participant.objects.bulk_create(
        Participant(
            case_reference=reference(n),
            sex="female" if n % 2 else "male",
            year_of_birth=1980 + n % 40,
            nationality="Syrian",
            destination="finland",
            location=session.location,
        )
        for n in range(participants)
    )
    Enrolment.objects.bulk_create(
        Enrolment(session=session, participant=person, number=n + 1, track="adults")
        for n, person in enumerate(people)
    )
    return session
