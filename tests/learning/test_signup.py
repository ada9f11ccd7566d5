"""Sign-up: a translated privacy notice, explicit consent, no preselected profession, each
error once; the same notice on the learner's data page."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from courses.learning.models import LearnerProfile
from tests.learning.factories import LearnerFactory

SIGNUP = "/fi/accounts/signup/"


def signup_data(**changes):
    return {
        "email": "aino@example.org",
        "password1": "Trafficking-course-2026",
        "password2": "Trafficking-course-2026",
        "full_name": "Aino Virtanen",
        "profession": "social",
        "organisation": "City of Lappeenranta",
        "country": "Finland",
        "preferred_language": "fi",
        "privacy_consent": "on",
    } | changes


@pytest.mark.django_db
def test_sign_up_page_shows_the_notice_an_unticked_consent_and_no_profession(client, home_page):
    html = client.get(SIGNUP).content.decode()
    with translation.override("fi"):
        notice_title = translation.gettext("Privacy notice")
        choose = translation.gettext("Choose your profession")
    assert notice_title in html and 'id="privacy-notice-title"' in html
    consent = re.search(r"<input[^>]*name=\"privacy_consent\"[^>]*>", html).group(0)
    assert 'type="checkbox"' in consent and "checked" not in consent and "required" in consent
    profession = re.search(r"<select name=\"profession\".*?</select>", html, re.S).group(0)
    first_option = re.search(r"<option[^>]*>[^<]*</option>", profession).group(0)
    assert first_option == f'<option value="" selected>{choose}</option>'
    assert profession.count("selected") == 1


@pytest.mark.django_db
def test_sign_up_refuses_without_consent_or_profession_each_error_once(client, home_page):
    response = client.post(
        SIGNUP,
        signup_data(password1="password", password2="password", profession="", privacy_consent=""),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="aino@example.org").exists()
    errors = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', html, re.S)
    messages = [m for block in errors for m in re.findall(r"<li>(.*?)</li>", block)]
    with translation.override("fi"):
        consent_error = translation.gettext("Tick the box to agree to the privacy notice.")
    assert consent_error in messages
    assert len(messages) == len(set(messages)) == 3  # consent, profession, common password
    for message in messages:
        assert html.count(message) == 1, message


@pytest.mark.django_db
def test_consent_is_stored_and_the_notice_is_on_the_data_page(client, home_page):
    response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    profile = LearnerProfile.objects.get(user__email="aino@example.org")
    assert profile.privacy_consent_at is not None
    assert profile.profession == "social"

    client.force_login(profile.user)
    html = client.get(reverse("learning:your_data")).content.decode()
    assert 'id="privacy-notice-title"' in html
    assert reverse("learning:my_data") in html and reverse("learning:delete_account") in html
    data = client.get(reverse("learning:my_data")).json()
    assert data["profile"]["privacy_consent_at"] == profile.privacy_consent_at.isoformat()
    assert (
        reverse("learning:your_data") in client.get(reverse("learning:dashboard")).content.decode()
    )


@pytest.mark.django_db
def test_data_page_needs_a_login(client, home_page):
    LearnerFactory(username="anna")
    response = client.get(reverse("learning:your_data"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
