"""Device tokens: signing in, revoking from the admin, and scoping like the admin."""

import pytest

from django.urls import reverse

from courses.field.models import DeviceToken, SyncRecord, token_digest
from courses.field.versions import version_of
from courses.training.models import Attendance
from tests.field.conftest import TOKENS, Device, change
from tests.training.factories import StaffUserFactory


@pytest.mark.django_db
def test_a_trainer_signs_in_once_and_the_token_is_stored_hashed(client, field):
    device = Device(client, "trainer", "Amira's phone")
    stored = DeviceToken.objects.get(pk=device.token_id)
    assert stored.name == "Amira's phone" and stored.user == field["trainer"]
    assert stored.digest == token_digest(device.token) and device.token not in stored.digest
    assert SyncRecord.objects.filter(token=stored, action="sign_in").count() == 1
    assert device.download().status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["wrong", None])
def test_only_trainers_and_programme_managers_get_a_token(client, field, password):
    StaffUserFactory(username="author", group="Curriculum authors")
    username = "trainer" if password == "wrong" else "author"
    response = client.post(
        TOKENS,
        {"username": username, "password": password or "pw-author-1", "device_name": "Phone"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "sign_in_refused"
    assert not DeviceToken.objects.exists()


@pytest.mark.django_db
def test_a_token_revoked_in_the_admin_can_no_longer_sync(client, field):
    device = Device(client, "trainer")
    session = field["session"]
    enrolment, day = session.enrolments.first(), session.ordered_days[0]
    client.force_login(field["trainer"])
    url = reverse("device_token:edit", args=[device.token_id])
    assert client.get(reverse("device_token:index")).status_code == 200
    response = client.post(url, {"name": "Phone", "revoked": "on"})
    assert response.status_code == 302
    client.logout()

    queued = change(
        "attendance", enrolment=enrolment.pk, day=day.pk, status="present", version=version_of("")
    )
    response = device.sync([queued])
    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"
    assert "signed out from the admin" in response.json()["detail"]
    assert not Attendance.objects.exists()
    assert device.download().status_code == 401
    # Revoking is final: unticking the box does not bring the token back.
    client.force_login(field["trainer"])
    client.post(url, {"name": "Phone"})
    assert DeviceToken.objects.get(pk=device.token_id).revoked


@pytest.mark.django_db
def test_requests_without_a_valid_token_are_refused(client, field):
    assert client.get("/api/field/sessions").json()["code"] == "token_missing"
    response = client.get("/api/field/sessions", HTTP_AUTHORIZATION="Bearer pdo_nothing")
    assert (response.status_code, response.json()["code"]) == (401, "token_unknown")


@pytest.mark.django_db
def test_trainers_see_their_own_tokens_and_programme_managers_all(client, field):
    mine, theirs = Device(client, "trainer", "Mine"), Device(client, "outsider", "Theirs")
    manager = StaffUserFactory(username="manager", group="Programme managers")
    client.force_login(field["trainer"])
    listing = client.get(reverse("device_token:index")).content.decode()
    assert "Mine" in listing and "Theirs" not in listing
    for name in ("edit", "inspect"):
        assert (
            client.get(reverse(f"device_token:{name}", args=[theirs.token_id])).status_code == 404
        )
        assert client.get(reverse(f"device_token:{name}", args=[mine.token_id])).status_code == 200
    assert (
        client.post(
            reverse("device_token:edit", args=[theirs.token_id]), {"name": "x", "revoked": "on"}
        ).status_code
        == 404
    )
    assert not DeviceToken.objects.get(pk=theirs.token_id).revoked
    client.force_login(manager)
    listing = client.get(reverse("device_token:index")).content.decode()
    assert "Mine" in listing and "Theirs" in listing


@pytest.mark.django_db
def test_a_device_downloads_and_changes_only_its_trainers_locations(client, field):
    device = Device(client, "trainer")
    session, elsewhere = field["session"], field["elsewhere"]
    sessions = device.download().json()["sessions"]
    assert [s["id"] for s in sessions] == [session.pk]
    numbers = [row["number"] for row in sessions[0]["enrolments"]]
    assert numbers == [1, 2, 3]
    assert [d["id"] for d in sessions[0]["days"]] == [d.pk for d in session.ordered_days]

    foreign = elsewhere.enrolments.first()
    own = session.enrolments.first()
    changes = [
        change(
            "attendance",
            enrolment=foreign.pk,
            day=elsewhere.ordered_days[0].pk,
            status="present",
            version=version_of(""),
        ),
        # A day of another session, for an enrolment of one's own.
        change(
            "attendance",
            enrolment=own.pk,
            day=elsewhere.ordered_days[0].pk,
            status="present",
            version=version_of(""),
        ),
        change("score", enrolment=foreign.pk, test="pre", value="50", version=version_of("")),
        change("note", session=elsewhere.pk, text="x", version=version_of("")),
        change(
            "participant",
            session=elsewhere.pk,
            case_reference="TUR-25-000999",
            sex="male",
            year_of_birth="1980",
            nationality="Afghan",
        ),
        change(
            "session",
            location=field["other"].pk,
            curriculum=field["curriculum"].pk,
            delivery_language="ar",
            destination="finland",
            days=[{"date": "2026-12-20", "start_time": "09:00", "end_time": "12:00"}],
        ),
    ]
    outcomes = device.outcomes(changes)
    assert {item["status"] for item in outcomes.values()} == {"refused"}
    assert not Attendance.objects.exists()
    elsewhere.refresh_from_db()
    assert elsewhere.notes == "" and elsewhere.enrolments.count() == 1
    assert not elsewhere.location.sessions.exclude(pk=elsewhere.pk).exists()


@pytest.mark.django_db
def test_names_are_sent_only_where_they_are_collected(client, field, settings):
    session = field["session"]
    first = session.enrolments.order_by("number").first().participant
    first.name = "Amal"
    first.save()
    device = Device(client, "trainer")
    rows = device.download().json()["sessions"][0]["enrolments"]
    assert rows[0]["name"] == "Amal"
    settings.PDO_COLLECT_PARTICIPANT_NAMES = False
    rows = device.download().json()["sessions"][0]["enrolments"]
    assert {row["name"] for row in rows} == {None}
    assert "Amal" not in device.download().content.decode()


@pytest.mark.django_db
def test_signing_in_is_throttled_per_address(client, field, settings):
    settings.PDO_FIELD_SIGN_IN_RATE = "2/m"
    attempt = {"username": "trainer", "password": "guess", "device_name": "Phone"}
    codes = [
        client.post(TOKENS, attempt, content_type="application/json").status_code for _ in range(3)
    ]
    assert codes == [403, 403, 429]


@pytest.mark.django_db
def test_a_programme_managers_device_downloads_every_location(client, field):
    StaffUserFactory(username="manager", group="Programme managers")
    device = Device(client, "manager")
    everything = {s["id"] for s in device.download().json()["sessions"]}
    assert everything == {field["session"].pk, field["elsewhere"].pk}
    one = device.download(location=field["other"].pk).json()["sessions"]
    assert [s["id"] for s in one] == [field["elsewhere"].pk]
