"""The demo's trainer accounts can sign in to the admin with their e-mail address, as the
README says (staff sign in through allauth with a verified address)."""

import pytest

from courses.training.demo import demo_user
from pdo_site.roles import TRAINERS


@pytest.mark.django_db
def test_a_demo_trainer_signs_in_with_the_documented_address(client, home_page, monkeypatch):
    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", "demo-password-for-the-test-1")
    demo_user("trainer.istanbul", TRAINERS)

    response = client.post(
        "/en/accounts/login/",
        {"login": "trainer.istanbul@example.org", "password": "demo-password-for-the-test-1"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
