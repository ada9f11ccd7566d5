"""Every view, export, import and save of participant data is recorded, by id only, and
programme managers read the record in the admin."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.training.models import DataAccess, Participant
from tests.training.factories import LocationFactory, StaffUserFactory, TrainingSessionFactory
from tests.training.test_attendance_sheet import opened_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def camp(curricula):
    location = LocationFactory(site_name="Camp, Hatay", kind="camp")
    trainer = StaffUserFactory(username="trainer", group="Trainers", locations=[location])
    session = TrainingSessionFactory(curriculum=curricula[1], location=location, participants=3)
    return location, trainer, session


def entries(**filters):
    return list(DataAccess.objects.filter(**filters).order_by("id"))


def test_the_participant_list_its_export_and_one_participants_pages_are_recorded(client, camp):
    location, trainer, session = camp
    ids = sorted(e.participant_id for e in session.enrolments.all())
    client.force_login(trainer)
    assert client.get(reverse("participant:index")).status_code == 200
    assert client.get(reverse("participant:index"), {"export": "csv"}).status_code == 200
    one = Participant.objects.get(pk=ids[0])
    assert client.get(reverse("participant:edit", args=[one.pk])).status_code == 200
    assert client.get(reverse("participant:inspect", args=[one.pk])).status_code == 200
    assert client.post(reverse("participant:delete", args=[one.pk])).status_code == 302

    listed, exported, edit, inspect, deleted = entries(user=trainer)
    assert (listed.action, listed.subject, listed.participant_ids) == ("view", "participants", ids)
    assert (exported.action, exported.participant_ids) == ("export", ids)
    assert (edit.action, edit.subject, edit.participant_ids) == ("view", "participant", [one.pk])
    assert inspect.action == "view" and deleted.action == "delete"
    assert deleted.participant_ids == [one.pk] and deleted.location_id == location.pk
    assert all(entry.address == "127.0.0.1" for entry in (listed, exported, deleted))


def test_the_attendance_sheet_its_save_its_pdf_and_an_import_are_recorded(client, camp):
    _location, trainer, session = camp
    ids = sorted(e.participant_id for e in session.enrolments.all())
    client.force_login(trainer)
    data = opened_sheet(client, session)
    data.update({key: "present" for key in data if key.startswith("mark-")})
    assert client.post(reverse("training:attendance", args=[session.pk]), data).status_code == 302
    assert client.get(reverse("training:attendance_pdf", args=[session.pk])).status_code == 200
    url = reverse("training:import_participants", args=[session.pk])
    csv = b"case_reference;sex;year_of_birth;nationality\r\nTUR-24-000777;F;1985;Syrian\r\n"
    preview = client.post(url, {"case_list": SimpleUploadedFile("list.csv", csv)})
    assert client.post(url, {"payload": preview.context["payload"]}).status_code == 302
    new = Participant.objects.get(case_reference="TUR-24-000777")

    viewed, saved, printed, imported = entries(session_id=session.pk)
    assert (viewed.action, viewed.subject, viewed.participant_ids) == ("view", "sheet", ids)
    assert (saved.action, saved.participant_ids) == ("record", ids)
    assert (printed.action, printed.subject) == ("export", "sheet_pdf")
    assert (imported.action, imported.participant_ids) == ("import", [new.pk])


def test_no_entry_holds_a_case_reference_or_a_name(client, camp):
    _location, trainer, session = camp
    client.force_login(trainer)
    client.get(reverse("participant:index"))
    client.get(reverse("training:attendance", args=[session.pk]))
    references = list(Participant.objects.values_list("case_reference", flat=True))
    for entry in DataAccess.objects.all():
        text = " ".join(str(value) for value in vars(entry).values())
        assert not any(reference in text for reference in references)


def test_programme_managers_read_and_filter_the_log_trainers_do_not(client, camp):
    _location, trainer, session = camp
    first = session.enrolments.order_by("number").first().participant_id
    client.force_login(trainer)
    client.get(reverse("training:attendance", args=[session.pk]))
    client.get(reverse("participant:edit", args=[first]))
    url = reverse("training_reports:data_access")
    refused = client.get(url)
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))

    client.force_login(StaffUserFactory(username="manager", group="Programme managers"))
    page = client.get(url)
    assert page.status_code == 200 and "Attendance sheet" in page.content.decode()
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    only_edit = client.get(url, {"subject": "participant", "user": trainer.pk})
    assert list(only_edit.context["object_list"]) == entries(subject="participant")
    with_first = client.get(url, {"participant": first})
    assert len(with_first.context["object_list"]) == 2  # the sheet and the edit page
    export = client.get(url, {"export": "csv"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Participant ids" in body and f" {first} " in body
