"""The learner's account pages (django-allauth's views, Django's validators) speak every
site language, also those for which allauth or Django ship no catalog."""

import re

import pytest

from django.test import Client

from pdo_site.upstream_strings import ALLAUTH, DJANGO

# Languages without an allauth catalog (and, for some, without Django's).
LANGUAGES = ["is", "prs", "ckb", "kmr", "ps", "so", "ti", "sw"]
ENGLISH = (
    set(ALLAUTH)
    | set(DJANGO)
    | {
        "This password is too short. It must contain at least 8 characters.",
        "Your password must contain at least 8 characters.",
    }
)


def visible_texts(html):
    texts = re.findall(r">([^<>]+)<", html) + re.findall(
        r'(?:placeholder|title|aria-label|value)="([^"]+)"', html
    )
    return {" ".join(t.split()).rstrip(":") for t in texts}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_account_pages_and_their_errors_are_translated(home_page, language):
    client = Client()
    responses = [
        client.get(f"/{language}/accounts/login/"),
        client.get(f"/{language}/accounts/signup/"),
        client.get(f"/{language}/accounts/password/reset/"),
        client.post(f"/{language}/accounts/login/", {"login": "a@example.org", "password": "x"}),
        client.post(f"/{language}/accounts/login/", {}),
        client.post(
            f"/{language}/accounts/signup/",
            {"email": "not-an-address", "password1": "1234", "password2": "1234"},
        ),
        client.post(f"/{language}/accounts/password/reset/", {"email": "nobody"}),
    ]
    english = set()
    for response in responses:
        assert response.status_code == 200
        english |= visible_texts(response.content.decode()) & ENGLISH
    assert english == set()
    # The errors are there, in the language: the bad login and the short numeric password.
    assert "This password is entirely numeric." not in responses[5].content.decode()
    assert responses[5].context["form"].errors
