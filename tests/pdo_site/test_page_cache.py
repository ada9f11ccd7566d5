"""The page cache (pdo_site/page_cache.py) through the real middleware and Wagtail's serving."""

import pytest

from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse

from pdo_site import page_cache
from tests.curricula.factories import GlossaryTermFactory, ModulePageFactory

HIT = "X-Page-Cache"


def twice(client, url, **headers):
    return client.get(url, headers=headers), client.get(url, headers=headers)


@pytest.mark.django_db
def test_an_anonymous_page_is_stored_once_then_served_with_validators(client, module):
    first, second = twice(client, module.url)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first[HIT], second[HIT]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in second["Vary"]
    assert "Accept-Language" not in second["Vary"]  # the language is in the URL
    assert second["ETag"] == first["ETag"] and second["Last-Modified"]
    assert second["Content-Language"] == "en"


@pytest.mark.django_db
def test_revalidation_answers_304_without_a_body(client, module):
    first = client.get(module.url)
    by_etag = client.get(module.url, headers={"If-None-Match": first["ETag"]})
    by_date = client.get(module.url, headers={"If-Modified-Since": first["Last-Modified"]})
    other = client.get(module.url, headers={"If-None-Match": '"something-else"'})
    assert (by_etag.status_code, by_date.status_code, other.status_code) == (304, 304, 200)
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_each_language_is_stored_apart(client, module):
    module.title_fi = "Terveydenhuolto"
    module.save_revision().publish()
    client.get(module.url)
    finnish = client.get(module.url.replace("/en/", "/fi/", 1))
    assert finnish.status_code == 200 and finnish[HIT] == "miss"
    assert "Terveydenhuolto" in finnish.content.decode()
    assert 'lang="fi"' in client.get(module.url.replace("/en/", "/fi/", 1)).content.decode()


@pytest.mark.django_db
def test_publishing_unpublishing_and_deleting_empty_the_cache(client, module, curricula):
    twice(client, module.url)
    module.title_en = "Health care and clinics"
    module.save_revision().publish()
    fresh = client.get(module.url)
    assert fresh[HIT] == "miss" and "Health care and clinics" in fresh.content.decode()

    # The curriculum page lists its modules: it changes when a module does.
    twice(client, curricula[1].url)
    other = ModulePageFactory(parent=curricula[1], title="Housing")
    assert "Housing" in client.get(curricula[1].url).content.decode()

    twice(client, other.url)
    other.unpublish()
    assert client.get(other.url).status_code == 404
    url = module.url
    twice(client, url)
    module.delete()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_moving_a_page_empties_the_cache(client, module, curricula):
    old_url = module.url
    twice(client, old_url)
    module.move(curricula[2], pos="last-child")
    moved = client.get(old_url)
    assert moved.status_code == 301 and HIT not in moved  # Wagtail's automatic redirect
    assert "PDO Iceland" in client.get(moved["Location"]).content.decode()


@pytest.mark.django_db
def test_changing_a_glossary_term_empties_the_cache(client, curricula):
    term = GlossaryTermFactory(term="Residence permit", definition="Old definition.")
    body = [{"type": "glossary_term", "value": term.pk}]
    module = ModulePageFactory(parent=curricula[1], title="Papers", body=body)
    assert "Old definition." in twice(client, module.url)[1].content.decode()
    term.definition_en = "New definition."
    term.save()
    assert "New definition." in client.get(module.url).content.decode()


@pytest.mark.django_db
def test_a_new_generation_set_elsewhere_is_seen_here(client, module):
    """Another process invalidates by writing the shared generation key."""
    twice(client, module.url)
    page_cache.page_cache().set(page_cache.GENERATION_KEY, "set-by-another-process", None)
    assert client.get(module.url)[HIT] == "miss"
    assert client.get(module.url)[HIT] == "hit"


@pytest.mark.django_db
def test_a_trainer_never_gets_the_anonymous_copy_and_is_never_stored(client, module, author):
    twice(client, module.url)
    client.force_login(author)
    trainer_page = client.get(module.url)
    assert trainer_page.status_code == 200 and HIT not in trainer_page
    assert "SECRET-TRAINER-NOTE" in trainer_page.content.decode()
    assert "private" in trainer_page["Cache-Control"] and "Cookie" in trainer_page["Vary"]
    client.logout()
    client.cookies.clear()
    anonymous = client.get(module.url)
    assert anonymous[HIT] == "hit" and "SECRET-TRAINER-NOTE" not in anonymous.content.decode()


@pytest.mark.django_db
def test_a_trainer_first_does_not_fill_the_cache(client, module, author):
    client.force_login(author)
    client.get(module.url)
    client.logout()
    client.cookies.clear()
    anonymous = client.get(module.url)
    assert anonymous[HIT] == "miss" and "SECRET-TRAINER-NOTE" not in anonymous.content.decode()


@pytest.mark.django_db
def test_learners_never_get_each_others_pages(client, module, django_user_model):
    learners = [
        django_user_model.objects.create_user(f"learner{n}", f"learner{n}@example.org", "pw")
        for n in (1, 2)
    ]
    pages = []
    for learner in learners:
        client.force_login(learner)
        page = client.get(module.url)
        data = client.get(reverse("learning:my_data"))
        assert page.status_code == 200 and HIT not in page
        assert "private" in page["Cache-Control"]
        pages.append(data.content.decode())
        client.logout()
    assert "learner1@example.org" in pages[0] and "learner1@example.org" not in pages[1]
    assert "learner2@example.org" in pages[1]


@pytest.mark.django_db
def test_query_strings_cookies_and_posts_are_not_cached(client, module):
    for _ in range(2):
        assert HIT not in client.get(module.url + "?utm_source=x")
        assert HIT not in client.get(module.url, headers={"Cookie": "sessionid=abc"})
        assert HIT not in client.get(module.url, headers={"Cookie": "messages=abc"})
    assert HIT not in client.post(module.url)


@pytest.mark.django_db
def test_a_password_protected_page_is_not_stored(client, module):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=module, restriction_type="password", password="x")
    for _ in range(2):
        response = client.get(module.url)
        assert HIT not in response and "SECRET-TRAINER-NOTE" not in response.content.decode()


@pytest.mark.django_db
def test_pages_are_served_when_the_cache_server_is_down(client, module):
    dead = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.1},
    }
    with override_settings(
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": dead,
        }
    ):
        for _ in range(2):
            response = client.get(module.url)
            assert response.status_code == 200 and "Health care" in response.content.decode()
        module.save_revision().publish()  # invalidation is quiet too
        assert client.get(module.url).status_code == 200


@pytest.mark.django_db
def test_trainers_group_members_see_notes_after_anonymous_caching(
    client, module, django_user_model
):
    trainer = django_user_model.objects.create_user("trainer", password="pw")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    twice(client, module.url)
    client.force_login(trainer)
    assert "SECRET-TRAINER-NOTE" in client.get(module.url).content.decode()
