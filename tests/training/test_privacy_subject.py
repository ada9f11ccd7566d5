"""Subject access and erasure by case reference, from the shell and from the admin:
after an erasure neither the database nor the media folder holds the case reference
or the name; deleting a participant leaves log entries labelled by id."""

import io
import json
from pathlib import Path

import pypdf
import pytest

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry, Revision

from courses.training.models import DataAccess, Participant, TrainingLogEntry
from tests.training.factories import LocationFactory, StaffUserFactory, TrainingSessionFactory, mark

pytestmark = pytest.mark.django_db

REFERENCE = "TUR-24-987654"
NAME = "Leyla Rahimzadeh"


@pytest.fixture
def person(client, curricula):
    """A participant with a name, attendance, an admin edit and old traces naming them."""
    location = LocationFactory(site_name="Camp, Hatay", kind="camp")
    session = TrainingSessionFactory(curriculum=curricula[1], location=location, participants=1)
    participant = session.enrolments.get().participant
    Participant.objects.filter(pk=participant.pk).update(case_reference=REFERENCE)
    participant.refresh_from_db()
    participant.name, participant.household = NAME, "HH-7781"
    participant.save()
    mark(session, participant, "2026-03-02")
    trainer = StaffUserFactory(username="trainer", group="Trainers", locations=[location])
    client.force_login(trainer)
    data = {
        "case_reference": REFERENCE,
        "household": "HH-7781",
        "name": NAME,
        "sex": "female",
        "year_of_birth": "1990",
        "nationality": "Syrian",
        "preferred_language": "ar",
        "destination": "finland",
        "location": location.pk,
    }
    edit = client.post(reverse("participant:edit", args=[participant.pk]), data)
    assert edit.status_code == 302
    client.logout()
    # Traces from before training history was kept by id (migration 0004 moved most).
    content_type = ContentType.objects.get_for_model(Participant)
    ModelLogEntry.objects.create(
        content_type=content_type,
        label=f"{REFERENCE} {NAME}",
        action="wagtail.edit",
        object_id=str(participant.pk),
        timestamp=timezone.now(),
        data={"title": REFERENCE},
    )
    Revision.objects.create(
        content_type=content_type,
        base_content_type=content_type,
        object_id=str(participant.pk),
        content={"case_reference": REFERENCE, "name": NAME},
        object_str=REFERENCE,
    )
    return participant


def database_text():
    """Every row of every table as text: SQLite's own dump, or each table's rows."""
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            lines += [repr(row) for row in cursor.fetchall()]
    return "\n".join(lines)


def media_text():
    root = Path(settings.MEDIA_ROOT)
    files = [path for path in root.rglob("*") if path.is_file()] if root.exists() else []
    return b"\n".join(path.read_bytes() for path in files).decode("utf-8", "replace")


def assert_no_trace():
    for text in (database_text(), media_text()):
        for value in (REFERENCE, NAME, "Rahimzadeh", "HH-7781"):
            assert value.lower() not in text.lower()


def test_export_writes_json_and_a_readable_pdf(person, tmp_path):
    out = io.StringIO()
    call_command(
        "participant_data",
        REFERENCE.lower(),
        "--export",
        str(tmp_path / "p.json"),
        "--pdf",
        str(tmp_path / "p.pdf"),
        stdout=out,
    )
    assert REFERENCE not in out.getvalue()
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert data["participant"]["case_reference"] == REFERENCE
    assert data["participant"]["name"] == NAME
    assert data["attendance"] == [{"date": "2026-03-02", "status": "Present"}]
    assert data["sessions"][0]["row_number"] == 1
    assert {entry["action"] for entry in data["record_history"]} == {"wagtail.edit"}
    text = "".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "p.pdf").pages)
    assert REFERENCE in text and NAME in text
    (logged,) = DataAccess.objects.filter(action="export")
    assert logged.participant_ids == [person.pk]


def test_erase_from_the_shell_leaves_no_trace_in_the_database_or_media(person, tmp_path):
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    call_command("participant_data", REFERENCE, "--erase", stdout=io.StringIO())
    assert_no_trace()
    person.refresh_from_db()
    assert person.case_reference == f"ANON-{person.pk}" and person.attendance.count() == 1
    (logged,) = DataAccess.objects.filter(action="erase")
    assert logged.participant_ids == [person.pk]
    assert all(entry.label == f"Participant #{person.pk}" for entry in ModelLogEntry.objects.all())
    with pytest.raises(CommandError, match="No participant has this case reference"):
        call_command("participant_data", REFERENCE, "--erase")


def test_a_programme_manager_exports_and_erases_from_the_admin(client, person):
    manager = StaffUserFactory(username="manager", group="Programme managers")
    client.force_login(manager)
    url = reverse("training:subject_access")
    index = client.get(reverse("participant:index"))
    assert url in index.content.decode()
    assert client.get(url).status_code == 200
    found = client.post(url, {"case_reference": REFERENCE, "action": "find"})
    assert found.status_code == 200
    assert f"Participant #{person.pk}" in found.content.decode()
    download = client.post(url, {"case_reference": REFERENCE, "action": "json"})
    assert download["Content-Disposition"] == f'attachment; filename="participant-{person.pk}.json"'
    assert json.loads(download.content)["participant"]["name"] == NAME
    pdf = client.post(url, {"case_reference": REFERENCE, "action": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    unconfirmed = client.post(url, {"case_reference": REFERENCE, "action": "erase"})
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm the erasure." in unconfirmed.content.decode()
    assert Participant.objects.filter(case_reference=REFERENCE).exists()

    erased = client.post(
        url, {"case_reference": REFERENCE, "action": "erase", "confirm_erase": "on"}, follow=True
    )
    assert f"Participant #{person.pk} was erased everywhere." in erased.content.decode()
    client.logout()  # the session row goes too: nothing of the request stays in it
    assert_no_trace()
    own = DataAccess.objects.filter(user=manager, subject="participant")
    actions = list(own.values_list("action", flat=True))
    assert sorted(actions) == ["erase", "export", "export", "view"]
    again = client.post(url, {"case_reference": REFERENCE, "action": "find"})
    assert again.status_code in (302, 403)  # logged out


def test_unknown_or_malformed_references_answer_a_clear_error(client, person):
    client.force_login(StaffUserFactory(group="Programme managers"))
    url = reverse("training:subject_access")
    for value in ("TUR-24-000000", "", "x" * 200):
        response = client.post(url, {"case_reference": value, "action": "erase"})
        assert response.status_code == 400
        assert response.context["form"].errors["case_reference"]
    assert Participant.objects.filter(case_reference=REFERENCE, anonymised_at=None).exists()


def test_trainers_cannot_open_subject_access(client, person):
    trainer = StaffUserFactory(group="Trainers", locations=[person.location])
    client.force_login(trainer)
    url = reverse("training:subject_access")
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    for response in (
        client.get(url),
        client.post(url, {"case_reference": REFERENCE, "action": "json"}),
        client.post(url, {"case_reference": REFERENCE, "action": "erase", "confirm_erase": "on"}),
    ):
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert url not in client.get(reverse("participant:index")).content.decode()
    assert Participant.objects.filter(case_reference=REFERENCE).exists()


def test_deleting_a_participant_leaves_log_entries_labelled_by_id(client, person):
    manager = StaffUserFactory(group="Programme managers")
    client.force_login(manager)
    response = client.post(reverse("participant:delete", args=[person.pk]))
    assert response.status_code == 302
    entries = TrainingLogEntry.objects.filter(object_id=str(person.pk))
    assert {e.action for e in entries} >= {"wagtail.edit", "wagtail.delete"}
    for entry in entries:
        assert entry.label == f"Participant #{person.pk}"
        assert REFERENCE not in json.dumps(entry.data) and NAME not in json.dumps(entry.data)
