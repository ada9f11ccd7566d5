"""Builders for training records in tests."""

import datetime

from django.contrib.auth.models import Group

from courses.attendance import enrol
from courses.models import Attendance, Location, Participant, SessionDay, TrainingSession

_serial = {"n": 0}


def make_location(name, kind="city"):
    return Location.objects.create(country="Turkey", site_name=name, kind=kind)


def make_user(django_user_model, username, group, locations=()):
    user = django_user_model.objects.create_user(username=username, password=f"pw-{username}-1")
    user.groups.add(Group.objects.get(name=group))
    for location in locations:
        location.trainers.add(user)
    return user


def make_participant(location, **values):
    _serial["n"] += 1
    defaults = {
        "case_reference": f"TST-25-{_serial['n']:06d}",
        "sex": "female",
        "year_of_birth": 1990,
        "nationality": "Syrian",
        "destination": "finland",
        "location": location,
    }
    defaults.update(values)
    return Participant.objects.create(**defaults)


def make_session(
    curriculum, location, days=("2026-03-02", "2026-03-03"), participants=2, status="held"
):
    session = TrainingSession.objects.create(
        curriculum=curriculum,
        location=location,
        delivery_language="ar",
        destination=curriculum.destination or "finland",
        status=status,
    )
    for date in days:
        SessionDay.objects.create(
            session=session,
            date=datetime.date.fromisoformat(date),
            start_time=datetime.time(9),
            end_time=datetime.time(13),
        )
    for _ in range(participants):
        enrol(session, make_participant(location))
    session.refresh_from_db()
    return session


def mark(session, participant, date, status="present"):
    day = session.days.get(date=datetime.date.fromisoformat(date))
    return Attendance.objects.update_or_create(
        day=day, participant=participant, defaults={"status": status}
    )[0]
