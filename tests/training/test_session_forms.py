"""The session, participant and location forms submitted through the real admin views,
as the users who fill them in."""

import datetime

import pytest

from django.urls import reverse

from courses.training.models import Location, Participant, TrainingSession
from tests.training.factories import (
    LocationFactory,
    ParticipantFactory,
    StaffUserFactory,
    TrainingSessionFactory,
)


def days_formset(days, initial=0):
    """POST data of the session form's inline days (Wagtail InlinePanel)."""
    data = {
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": str(initial),
        "days-MIN_NUM_FORMS": "1",
        "days-MAX_NUM_FORMS": "1000",
    }
    for n, day in enumerate(days):
        for key, value in day.items():
            data[f"days-{n}-{key}"] = value
        data.setdefault(f"days-{n}-ORDER", str(n + 1))
    return data


@pytest.fixture
def istanbul(curricula):
    location = LocationFactory(site_name="Istanbul")
    trainer = StaffUserFactory(username="trainer", group="Trainers", locations=[location])
    return location, trainer


@pytest.mark.django_db
def test_a_trainer_creates_a_session_with_days(client, curricula, istanbul):
    location, trainer = istanbul
    client.force_login(trainer)
    data = {
        "curriculum": curricula[1].pk,
        "location": location.pk,
        "destination": "finland",
        "delivery_language": "ar",
        "status": "planned",
        "interpreters": "Arabic–Finnish interpreter",
        "trainers": [trainer.pk],
        "notes": "",
        **days_formset(
            [
                {"date": "2026-03-02", "start_time": "09:00", "end_time": "13:00"},
                {"date": "2026-03-03", "start_time": "09:00", "end_time": "15:30"},
            ]
        ),
    }
    response = client.post(reverse("trainingsession:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session = TrainingSession.objects.get()
    assert session.location == location and session.first_day == datetime.date(2026, 3, 2)
    assert session.hours_delivered == 10.5
    assert list(session.trainers.all()) == [trainer]


@pytest.mark.django_db
def test_a_session_without_days_is_refused_and_keeps_what_was_typed(client, curricula, istanbul):
    location, trainer = istanbul
    client.force_login(trainer)
    data = {
        "curriculum": curricula[1].pk,
        "location": location.pk,
        "destination": "finland",
        "delivery_language": "ar",
        "status": "planned",
        "interpreters": "KEEP-THIS-TEXT",
        **days_formset([]),
    }
    response = client.post(reverse("trainingsession:add"), data)
    assert response.status_code == 200
    assert "KEEP-THIS-TEXT" in response.content.decode()
    assert not TrainingSession.objects.exists()


@pytest.mark.django_db
def test_a_trainer_marks_a_session_as_held(client, curricula, istanbul):
    location, trainer = istanbul
    session = TrainingSessionFactory(
        curriculum=curricula[1], location=location, status="planned", participants=0
    )
    day = session.ordered_days[0]
    client.force_login(trainer)
    data = {
        "curriculum": curricula[1].pk,
        "location": location.pk,
        "destination": "finland",
        "delivery_language": "ar",
        "status": "held",
        **days_formset(
            [
                {
                    "id": str(d.pk),
                    "date": d.date.isoformat(),
                    "start_time": "09:00",
                    "end_time": "13:00",
                }
                for d in session.ordered_days
            ],
            initial=len(session.ordered_days),
        ),
    }
    response = client.post(reverse("trainingsession:edit", args=[session.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.status == "held" and session.days.filter(pk=day.pk).exists()


@pytest.mark.django_db
def test_a_trainer_adds_and_edits_a_participant(client, curricula, istanbul):
    location, trainer = istanbul
    client.force_login(trainer)
    data = {
        "case_reference": "TUR-24-012345",
        "household": "H-1",
        "name": "",
        "sex": "female",
        "year_of_birth": "1988",
        "nationality": "Syrian",
        "preferred_language": "ar",
        "destination": "finland",
        "location": location.pk,
    }
    assert client.post(reverse("participant:add"), data).status_code == 302
    participant = Participant.objects.get(case_reference="TUR-24-012345")
    data["year_of_birth"] = "1989"
    response = client.post(reverse("participant:edit", args=[participant.pk]), data)
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.year_of_birth == 1989


@pytest.mark.django_db
def test_a_manager_creates_a_location_with_trainers(client, curricula, istanbul):
    _location, trainer = istanbul
    manager = StaffUserFactory(username="manager", group="Programme managers")
    client.force_login(manager)
    data = {
        "country": "Turkey",
        "site_name": "Gaziantep",
        "kind": "city",
        "time_zone": "Europe/Istanbul",
        "trainers": [trainer.pk],
    }
    assert client.post(reverse("location:add"), data).status_code == 302
    assert list(Location.objects.get(site_name="Gaziantep").trainers.all()) == [trainer]


@pytest.mark.django_db
def test_participant_of_another_location_cannot_be_edited(client, curricula, istanbul):
    _location, trainer = istanbul
    stranger = ParticipantFactory(location=LocationFactory(site_name="Camp", kind="camp"))
    client.force_login(trainer)
    assert client.get(reverse("participant:edit", args=[stranger.pk])).status_code == 404


@pytest.mark.django_db
def test_the_new_session_form_offers_the_trainers_own_location_and_its_trainers_first(
    client, curricula, istanbul
):
    location, trainer = istanbul
    colleague = StaffUserFactory(username="a.colleague", group="Trainers", locations=[location])
    StaffUserFactory(username="aa.elsewhere", group="Trainers")
    client.force_login(trainer)
    form = client.get(reverse("trainingsession:add")).context["form"]
    assert form["location"].value() == location.pk
    offered = [user.username for user in form.fields["trainers"].queryset]
    assert offered[:2] == sorted([colleague.username, trainer.username])
    assert "aa.elsewhere" in offered
    assert form["trainers"].value() == [trainer.pk]
    html = form["trainers"].as_widget()
    assert 'type="checkbox"' in html and "a.colleague" in html
