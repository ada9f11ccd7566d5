"""Demo training records: three locations in Turkey, trainers assigned to them, and a
year of generated sessions with clearly fictional participants (case references
DMO-yy-nnnnnn), so that the reports show realistic figures."""

import datetime
import os
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from courses.curricula.models import CurriculumPage
from courses.training.models import (
    Attendance,
    Enrolment,
    Location,
    Participant,
    SessionDay,
    TrainingSession,
)
from courses.training.summaries import rebuild_summaries
from pdo_site.roles import PROGRAMME_MANAGERS, TRAINERS
from pdo_site.staff_auth import ensure_verified_email

LOCATIONS = [
    ("Turkey", "Istanbul", Location.Kind.CITY, "trainer.istanbul"),
    ("Turkey", "Ankara", Location.Kind.CITY, "trainer.ankara"),
    ("Turkey", "Refugee camp, Hatay province", Location.Kind.REFUGEE_CAMP, "trainer.camp"),
]
NATIONALITIES = [
    ("Syrian", "ar", 55),
    ("Afghan", "prs", 20),
    ("Iraqi", "ckb", 10),
    ("Iranian", "fa", 5),
    ("Eritrean", "ti", 5),
    ("Somali", "so", 5),
]


def demo_user(username, group_name):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    if created:
        password = os.environ.get("DJANGO_ADMIN_PASSWORD")
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        # Staff sign in with a verified e-mail address (pdo_site/staff_auth.py).
        ensure_verified_email(user)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def household_members(rng, year):
    """Ages of a household: adults with children, sometimes a grandparent."""
    adults = rng.choice([1, 2, 2, 2])
    ages = [rng.randint(22, 50) for _ in range(adults)]
    ages += [rng.randint(0, 17) for _ in range(rng.choice([0, 1, 2, 3, 4]))]
    if rng.random() < 0.1:
        ages.append(rng.randint(60, 78))
    return ages


def load(stdout):
    if Location.objects.exists():
        stdout.write("Training records kept.")
        return
    with transaction.atomic():
        generate(stdout)
        # Records were created in bulk: the summaries are computed once, at the end.
        rebuild_summaries()


def generate(stdout):
    curricula = list(CurriculumPage.objects.filter(audience="refugees", alias_of__isnull=True))
    if not curricula:
        return
    rng = random.Random(20261124)  # nosec B311
    demo_user("manager", PROGRAMME_MANAGERS)
    today = timezone.localdate()
    serial = 0
    locations = []
    for country, name, kind, trainer_name in LOCATIONS:
        location = Location.objects.create(
            country=country, site_name=name, kind=kind, time_zone="Europe/Istanbul"
        )
        trainer = demo_user(trainer_name, TRAINERS)
        location.trainers.add(trainer)
        locations.append((location, trainer))

    # Everything is built in memory in creation order and written with one bulk insert per
    # table (the primary keys come out as row-by-row creates gave them); only the sessions
    # are saved one by one, for their trainers and the version of the curriculum taught.
    sessions, days, people, enrolments, attendance = [], [], [], [], []
    for location, trainer in locations:
        start = today - datetime.timedelta(days=365)
        while start < today - datetime.timedelta(days=7):
            curriculum = rng.choice(curricula)
            session = TrainingSession.objects.create(
                curriculum=curriculum,
                location=location,
                delivery_language=rng.choice(["ar", "ar", "prs", "en"]),
                interpreters="Arabic–Finnish interpreter" if rng.random() < 0.5 else "",
                destination=curriculum.destination,
                status=TrainingSession.Status.HELD,
            )
            session.trainers.add(trainer)
            sessions.append(session)
            session_days = [
                SessionDay(
                    session=session,
                    date=start + datetime.timedelta(days=offset),
                    start_time=datetime.time(9, 0),
                    end_time=datetime.time(rng.choice([13, 15, 16]), 0),
                )
                for offset in range(rng.choice([3, 4, 5]))
            ]
            days += session_days
            number = 0
            for _household in range(rng.randint(4, 8)):
                serial += 1
                household = f"DMO-H{serial:05d}"
                nationality, language = rng.choices(
                    [(n, lang) for n, lang, _w in NATIONALITIES],
                    weights=[w for *_rest, w in NATIONALITIES],
                )[0]
                for age in household_members(rng, start.year):
                    serial += 1
                    participant = Participant(
                        case_reference=f"DMO-{start:%y}-{serial:06d}",
                        household=household,
                        sex=rng.choice(["female", "male"]),
                        year_of_birth=start.year - age,
                        nationality=nationality,
                        preferred_language=language,
                        destination=curriculum.destination,
                        location=location,
                    )
                    people.append(participant)
                    number += 1
                    scored = age >= 12 and rng.random() < 0.8
                    pre = rng.randint(25, 70) if scored else None
                    enrolments.append(
                        Enrolment(
                            session=session,
                            participant=participant,
                            number=number,
                            track=Enrolment.track_for_age(age),
                            pre_test_score=pre,
                            post_test_score=min(100, pre + rng.randint(-5, 30)) if scored else None,
                        )
                    )
                    for day in session_days:
                        status = rng.choices(["present", "late", "absent"], [88, 6, 6])[0]
                        attendance.append(
                            Attendance(day=day, participant=participant, status=status)
                        )
            start += datetime.timedelta(days=rng.randint(12, 20))
    SessionDay.objects.bulk_create(days, batch_size=2000)
    for session in sessions:
        session.days_saved()
    # bulk_create takes the foreign keys from the objects saved just before.
    Participant.objects.bulk_create(people, batch_size=2000)
    Enrolment.objects.bulk_create(enrolments, batch_size=2000)
    Attendance.objects.bulk_create(attendance, batch_size=2000)
    stdout.write(
        f"Training records created: {TrainingSession.objects.count()} sessions, "
        f"{Participant.objects.count()} participants, {len(attendance)} attendance marks."
    )
