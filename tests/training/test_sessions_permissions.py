"""A trainer sees only the records of their own locations, in every view; others are 404."""

import pytest

from django.urls import reverse

from courses.training.models import Participant
from tests.training.factories import LocationFactory, StaffUserFactory, TrainingSessionFactory, mark


@pytest.fixture
def world(curricula, django_user_model):
    _index, finland, _iceland = curricula
    istanbul = LocationFactory(site_name="Istanbul")
    camp = LocationFactory(site_name="Camp, Hatay", kind="camp")
    trainer = StaffUserFactory(username="trainer.istanbul", group="Trainers", locations=[istanbul])
    manager = StaffUserFactory(username="manager", group="Programme managers")
    own = TrainingSessionFactory(curriculum=finland, location=istanbul)
    other = TrainingSessionFactory(curriculum=finland, location=camp)
    for session in (own, other):
        for enrolment in session.enrolments.all():
            mark(session, enrolment.participant, "2026-03-02")
    return {
        "trainer": trainer,
        "manager": manager,
        "own": own,
        "other": other,
        "istanbul": istanbul,
        "camp": camp,
    }


def csv_text(response):
    content = (
        response.getvalue() if not response.streaming else b"".join(response.streaming_content)
    )
    return content.decode("utf-8-sig")


OBJECT_VIEWS = ["edit", "delete", "history", "inspect"]


@pytest.mark.django_db
@pytest.mark.parametrize("view", OBJECT_VIEWS)
def test_trainer_gets_404_for_another_locations_session(client, world, view):
    client.force_login(world["trainer"])
    assert (
        client.get(reverse(f"trainingsession:{view}", args=[world["other"].pk])).status_code == 404
    )
    assert client.get(reverse(f"trainingsession:{view}", args=[world["own"].pk])).status_code == 200


@pytest.mark.django_db
def test_trainer_cannot_delete_another_locations_session_by_post(client, world):
    client.force_login(world["trainer"])
    response = client.post(reverse("trainingsession:delete", args=[world["other"].pk]))
    assert response.status_code == 404
    assert type(world["other"]).objects.filter(pk=world["other"].pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("view", OBJECT_VIEWS)
def test_trainer_gets_404_for_another_locations_participant(client, world, view):
    client.force_login(world["trainer"])
    outsider = world["other"].enrolments.first().participant
    insider = world["own"].enrolments.first().participant
    assert client.get(reverse(f"participant:{view}", args=[outsider.pk])).status_code == 404
    assert client.get(reverse(f"participant:{view}", args=[insider.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["training:attendance", "training:import_participants"])
def test_trainer_gets_404_for_another_locations_sheet_and_import(client, world, name):
    client.force_login(world["trainer"])
    assert client.get(reverse(name, args=[world["other"].pk])).status_code == 404
    assert client.get(reverse(name, args=[world["own"].pk])).status_code == 200
    assert (
        client.post(reverse(name, args=[world["other"].pk]), {"action": "save"}).status_code == 404
    )


@pytest.mark.django_db
def test_lists_and_exports_hold_only_own_locations(client, world):
    client.force_login(world["trainer"])
    own_refs = set(world["own"].enrolments.values_list("participant__case_reference", flat=True))
    other_refs = set(
        world["other"].enrolments.values_list("participant__case_reference", flat=True)
    )
    listing = client.get(reverse("participant:index")).content.decode()
    exported = csv_text(client.get(reverse("participant:index") + "?export=csv"))
    for text in (listing, exported):
        assert all(ref in text for ref in own_refs)
        assert not any(ref in text for ref in other_refs)
    sessions = csv_text(client.get(reverse("trainingsession:index") + "?export=csv"))
    assert "Istanbul" in sessions and "Hatay" not in sessions


@pytest.mark.django_db
@pytest.mark.parametrize("report", ["participants_trained", "sessions_delivered"])
def test_reports_hold_only_own_locations(client, world, report):
    url = reverse(f"training_reports:{report}")
    client.force_login(world["trainer"])
    text = csv_text(client.get(url + "?export=csv&breakdown=location"))
    assert "Istanbul" in text and "Hatay" not in text
    # Filtering by a location outside the scope is refused, not answered.
    response = client.get(url, {"location": world["camp"].pk})
    assert "Hatay" not in response.content.decode().split("<table")[-1]

    client.force_login(world["manager"])
    text = csv_text(client.get(url + "?export=csv&breakdown=location"))
    assert "Istanbul" in text and "Hatay" in text


@pytest.mark.django_db
def test_manager_sees_everything(client, world):
    client.force_login(world["manager"])
    for session in (world["own"], world["other"]):
        assert client.get(reverse("trainingsession:edit", args=[session.pk])).status_code == 200
        assert client.get(reverse("training:attendance", args=[session.pk])).status_code == 200
    assert Participant.objects.for_user(world["manager"]).count() == 4


@pytest.mark.django_db
def test_people_without_a_role_see_nothing(client, world, django_user_model):
    learner = django_user_model.objects.create_user(username="learner", password="x")
    assert Participant.objects.for_user(learner).count() == 0
    client.force_login(learner)
    assert client.get(reverse("training:attendance", args=[world["own"].pk])).status_code in (
        302,
        403,
    )
