"""Participant names and session notes are ciphertext in the database, readable with any
configured key, re-encrypted with the first; the migration converts the plain rows."""

import importlib

import pytest

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from courses.training.models import Participant, TrainingSession
from tests.pdo_site.test_operations import run_manage
from tests.training.factories import (
    LocationFactory,
    ParticipantFactory,
    StaffUserFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db

encryption_migration = importlib.import_module(
    "courses.training.migrations.0006_participant_data_encrypted"
)


def stored(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def write_plain(table, column, pk, value):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk])


def test_a_name_saved_through_the_admin_is_stored_encrypted_without_bidi_controls(client):
    location = LocationFactory()
    manager = StaffUserFactory(group="Programme managers")
    client.force_login(manager)
    response = client.post(
        reverse("participant:add"),
        {
            "case_reference": "TUR-24-123456",
            "household": "",
            "name": "Amina \u202eHaddad",
            "sex": "female",
            "year_of_birth": "1990",
            "nationality": "Syrian",
            "preferred_language": "ar",
            "destination": "finland",
            "location": location.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    participant = Participant.objects.get(case_reference="TUR-24-123456")
    raw = stored("training_participant", "name", participant.pk)
    assert "Amina" not in raw and raw.startswith("gAAAA")  # a Fernet token
    assert participant.name == "Amina Haddad"
    # The edit form shows the clear text again.
    page = client.get(reverse("participant:edit", args=[participant.pk]))
    assert 'value="Amina Haddad"' in page.content.decode()


def test_session_notes_are_encrypted_and_an_empty_value_reads_as_empty(curricula):
    session = TrainingSessionFactory(curriculum=curricula[1], participants=0)
    session.notes = "Participant in row 4 needs a wheelchair."
    session.save()
    raw = stored("training_trainingsession", "notes", session.pk)
    assert "wheelchair" not in raw
    fresh = TrainingSession.objects.get(pk=session.pk)
    assert fresh.notes == "Participant in row 4 needs a wheelchair."
    assert fresh.interpreters == ""  # NULL in the column, never None in Python
    TrainingSession.objects.filter(pk=session.pk).update(notes="Updated in bulk")
    assert "Updated" not in stored("training_trainingsession", "notes", session.pk)
    assert TrainingSession.objects.get(pk=session.pk).notes == "Updated in bulk"


def test_keys_rotate_old_values_stay_readable_and_are_rewritten_with_the_new_key(db):
    with override_settings(PDO_ENCRYPTION_KEYS=["old-key"]):
        participant = ParticipantFactory(name="Farid Karimi")
        before = stored("training_participant", "name", participant.pk)
    with override_settings(PDO_ENCRYPTION_KEYS=["new-key", "old-key"]):
        assert Participant.objects.get(pk=participant.pk).name == "Farid Karimi"
        call_command("rotate_encryption_key", stdout=open("/dev/null", "w"))  # noqa: SIM115
        after = stored("training_participant", "name", participant.pk)
    assert after != before
    with override_settings(PDO_ENCRYPTION_KEYS=["new-key"]):
        assert Participant.objects.get(pk=participant.pk).name == "Farid Karimi"
    with override_settings(PDO_ENCRYPTION_KEYS=["old-key"]):
        # Not readable with the retired key: the library hands the ciphertext back.
        assert Participant.objects.get(pk=participant.pk).name != "Farid Karimi"


def test_the_migration_encrypts_plain_rows_and_strips_bidi_controls(curricula):
    participant = ParticipantFactory()
    session = TrainingSessionFactory(curriculum=curricula[1], participants=0)
    write_plain("training_participant", "name", participant.pk, "Omar\u202e Ali\u2066")
    write_plain("training_trainingsession", "notes", session.pk, "plain note")
    encryption_migration.encrypt_existing(apps, None)
    assert "Omar" not in stored("training_participant", "name", participant.pk)
    assert Participant.objects.get(pk=participant.pk).name == "Omar Ali"
    assert "plain" not in stored("training_trainingsession", "notes", session.pk)
    assert TrainingSession.objects.get(pk=session.pk).notes == "plain note"


def test_production_refuses_to_start_without_encryption_keys():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="pdo_site.settings.production",
        SECRET_KEY="x7#production-like-secret-key-for-the-deploy-check-0123456789abcdef",
        ALLOWED_HOSTS="pdo.example.org",
    )
    assert result.returncode != 0
    assert "Set the PDO_ENCRYPTION_KEYS environment variable" in result.stderr
