"""Opening a training session from outside the admin form (the field app).

Two trainers at one camp site, each offline, may both open the session they are
about to teach. A session is known by its location, curriculum and first day, so
opening one that already exists gives the existing session instead of a second one.
"""

from dataclasses import dataclass

from django.db import transaction

from courses.training import summaries
from courses.training.models import Location, SessionDay, TrainingSession


@dataclass
class PlannedDay:
    date: object
    start_time: object
    end_time: object


def open_session(location, curriculum, days, *, trainer, **fields):
    """The session at ``location`` teaching ``curriculum`` from the first of ``days``:
    (session, created). A new one gets ``days``, ``fields`` (delivery language,
    destination, ...) and ``trainer`` among its trainers; an existing one is left as
    it is. ``days`` must have distinct dates, each ending after it starts."""
    days = sorted(days, key=lambda day: (day.date, day.start_time))
    with transaction.atomic():
        # Sessions of one location are opened one at a time, so two devices opening
        # the same session meet here and the second finds the first's.
        Location.objects.select_for_update().filter(pk=location.pk).first()
        existing = TrainingSession.objects.filter(
            location=location, curriculum=curriculum, first_day=days[0].date
        ).first()
        if existing is not None:
            return existing, False
        session = TrainingSession.objects.create(location=location, curriculum=curriculum, **fields)
        SessionDay.objects.bulk_create(
            SessionDay(
                session=session, date=day.date, start_time=day.start_time, end_time=day.end_time
            )
            for day in days
        )
        session.trainers.add(trainer)
        session.days_saved()
        summaries.session_saved(session, None)
    return session, True
