"""The sync audit trail in the admin: read-only, a trainer's own, a manager's all."""

import pytest

from courses.field.models import SyncRecord
from tests.field.conftest import Device
from tests.training.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

SYNCS = "/admin/field/syncs/"


@pytest.fixture
def synced(client, field):
    mine = Device(client, "trainer", "Trainer's phone")
    mine.download()
    theirs = Device(client, "outsider", "Outsider's phone")
    theirs.sync([])
    client.logout()
    return mine, theirs


def test_a_trainer_sees_only_the_syncs_of_their_own_devices(client, field, synced):
    client.force_login(field["trainer"])
    response = client.get(SYNCS)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trainer&#x27;s phone" in html and "Outsider" not in html
    other = SyncRecord.objects.filter(user=field["outsider"]).first()
    assert client.get(f"{SYNCS}inspect/{other.pk}/").status_code == 404
    own = SyncRecord.objects.filter(user=field["trainer"]).first()
    assert client.get(f"{SYNCS}inspect/{own.pk}/").status_code == 200


def test_nobody_edits_or_deletes_the_audit_trail(client, field, synced):
    manager = StaffUserFactory(username="manager", group="Programme managers")
    manager.is_superuser = True
    manager.save()
    client.force_login(manager)
    html = client.get(SYNCS).content.decode()
    assert "Trainer&#x27;s phone" in html and "Outsider&#x27;s phone" in html
    record = SyncRecord.objects.first()
    assert client.get(f"{SYNCS}edit/{record.pk}/").status_code in (302, 403)
    assert client.post(f"{SYNCS}delete/{record.pk}/").status_code in (302, 403)
    assert client.get(f"{SYNCS}add/").status_code in (302, 403, 404)
    assert SyncRecord.objects.filter(pk=record.pk).exists()
