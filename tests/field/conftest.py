import datetime
import uuid

import pytest

from django.core.cache import cache
from django.utils import timezone

from tests.training.factories import LocationFactory, StaffUserFactory, TrainingSessionFactory

SYNC = "/api/field/sync"
SESSIONS = "/api/field/sessions"
TOKENS = "/api/field/tokens"


def near_today(*offsets):
    """ISO dates ``offsets`` days from today (sessions a device downloads are recent)."""
    today = timezone.localdate()
    return tuple((today + datetime.timedelta(days=n)).isoformat() for n in offsets)


class Device:
    """A phone signed in through the API, sending what the field app would send."""

    def __init__(self, client, username, name="Phone"):
        response = client.post(
            TOKENS,
            {"username": username, "password": f"pw-{username}-1", "device_name": name},
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        self.client, self.token = client, response.json()["token"]
        self.token_id = response.json()["id"]

    def headers(self):
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"}

    def download(self, **params):
        return self.client.get(SESSIONS, params, **self.headers())

    def sync(self, changes):
        return self.client.post(
            SYNC, {"changes": changes}, content_type="application/json", **self.headers()
        )

    def outcomes(self, changes):
        response = self.sync(changes)
        assert response.status_code == 200, response.content
        return {item["uuid"]: item for item in response.json()["outcomes"]}


def change(kind, **fields):
    return {"uuid": str(uuid.uuid4()), "kind": kind, **fields}


@pytest.fixture(autouse=True)
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def field(curricula):
    _index, finland, _iceland = curricula
    camp = LocationFactory(site_name="Camp A")
    other = LocationFactory(site_name="Camp B")
    trainer = StaffUserFactory(username="trainer", group="Trainers", locations=[camp])
    outsider = StaffUserFactory(username="outsider", group="Trainers", locations=[other])
    session = TrainingSessionFactory(
        curriculum=finland, location=camp, days=near_today(-1, 0, 1), participants=3
    )
    elsewhere = TrainingSessionFactory(
        curriculum=finland, location=other, days=near_today(0), participants=1
    )
    return {
        "curriculum": finland,
        "camp": camp,
        "other": other,
        "trainer": trainer,
        "outsider": outsider,
        "session": session,
        "elsewhere": elsewhere,
    }


@pytest.fixture
def device(client, field):
    return Device(client, "trainer")
