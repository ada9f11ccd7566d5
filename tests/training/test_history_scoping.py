"""Wagtail's site history, its export and each record's history hold only what the user
may see, and no log entry names a participant by case reference."""

import pytest

from django.urls import reverse

from wagtail.models import ModelLogEntry

from courses.training.models import Participant, TrainingLogEntry
from tests.training.factories import LocationFactory, StaffUserFactory


@pytest.fixture
def world(curricula):
    istanbul = LocationFactory(site_name="Istanbul")
    camp = LocationFactory(site_name="Camp, Hatay", kind="camp")
    return {
        "istanbul": istanbul,
        "camp": camp,
        "istanbul_trainer": StaffUserFactory(
            username="trainer.istanbul", group="Trainers", locations=[istanbul]
        ),
        "camp_trainer": StaffUserFactory(
            username="trainer.camp", group="Trainers", locations=[camp]
        ),
        "manager": StaffUserFactory(username="manager", group="Programme managers"),
    }


def add_participant(client, user, location, case_reference):
    client.force_login(user)
    data = {
        "case_reference": case_reference,
        "household": "H-1",
        "name": "",
        "sex": "female",
        "year_of_birth": "1988",
        "nationality": "Syrian",
        "preferred_language": "ar",
        "destination": "finland",
        "location": location.pk,
    }
    assert client.post(reverse("participant:add"), data, follow=True).redirect_chain
    participant = Participant.objects.get(case_reference=case_reference)
    data["year_of_birth"] = "1989"
    edit = reverse("participant:edit", args=[participant.pk])
    assert client.post(edit, data, follow=True).redirect_chain  # the flash message is read here
    return participant


def text(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode("utf-8-sig")


@pytest.fixture
def history(client, world):
    own = add_participant(client, world["istanbul_trainer"], world["istanbul"], "TUR-24-000111")
    camp = add_participant(client, world["camp_trainer"], world["camp"], "TUR-24-000999")
    deleted = add_participant(client, world["camp_trainer"], world["camp"], "TUR-24-000777")
    deleted_id = deleted.pk
    client.force_login(world["camp_trainer"])
    delete = reverse("participant:delete", args=[deleted.pk])
    assert client.post(delete, follow=True).redirect_chain
    return {"own": own, "camp": camp, "deleted_id": deleted_id}


@pytest.mark.django_db
@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
def test_a_trainers_site_history_lists_only_their_locations(client, world, history, export):
    client.force_login(world["istanbul_trainer"])
    url = reverse("wagtailadmin_reports:site_history")
    response = client.get(url, {"export": export} if export else {})
    assert response.status_code == 200
    if export == "xlsx":
        from io import BytesIO

        from openpyxl import load_workbook

        sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
        body = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    else:
        body = text(response)
    assert f"Participant #{history['own'].pk}" in body
    assert f"Participant #{history['camp'].pk}" not in body
    assert f"Participant #{history['deleted_id']}" not in body
    assert "trainer.camp" not in body
    assert "TUR-24-" not in body


@pytest.mark.django_db
def test_a_manager_sees_every_location_by_id_never_by_case_reference(client, world, history):
    client.force_login(world["manager"])
    body = text(client.get(reverse("wagtailadmin_reports:site_history")))
    for pk in (history["own"].pk, history["camp"].pk, history["deleted_id"]):
        assert f"Participant #{pk}" in body
    assert "TUR-24-" not in body
    labels = list(TrainingLogEntry.objects.values_list("label", flat=True))
    assert len(labels) == 7  # three creates, three edits, one delete
    assert not any("TUR-24-" in label for label in labels)
    assert not ModelLogEntry.objects.filter(content_type__app_label="training").exists()


@pytest.mark.django_db
def test_a_deleted_participants_history_stays_with_its_location(client, world, history):
    entry = TrainingLogEntry.objects.get(action="wagtail.delete")
    assert entry.location == world["camp"]
    client.force_login(world["camp_trainer"])
    body = text(client.get(reverse("wagtailadmin_reports:site_history")))
    assert f"Participant #{history['deleted_id']}" in body


@pytest.mark.django_db
def test_a_records_own_history_page_lists_its_entries(client, world, history):
    client.force_login(world["istanbul_trainer"])
    response = client.get(reverse("participant:history", args=[history["own"].pk]))
    assert response.status_code == 200
    assert text(response).count("trainer.istanbul") >= 2


@pytest.mark.django_db
def test_the_participants_filter_offers_only_the_trainers_locations(client, world, history):
    client.force_login(world["istanbul_trainer"])
    body = text(client.get(reverse("participant:index")))
    assert "Istanbul" in body
    assert "Camp, Hatay" not in body
