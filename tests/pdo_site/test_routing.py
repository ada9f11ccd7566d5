"""Routing in one query (pdo_site/routing.py), through Wagtail's page serving."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from pdo_site import routing


@pytest.mark.django_db
def test_translated_slugs_route_and_untranslated_ones_fall_back_to_english(client, module):
    english_url = module.url
    module.title_fi, module.slug_fi = "Terveys", "terveys"
    module.save_revision().publish()
    module.refresh_from_db()
    with translation.override("fi"):
        finnish_url = module.get_url()
    assert finnish_url.endswith("/terveys/")
    assert "Terveys" in client.get(finnish_url).content.decode()
    # Arabic has no slug of its own: the English one is the Arabic URL.
    arabic = client.get(english_url.replace("/en/", "/ar/", 1))
    assert arabic.status_code == 200 and 'lang="ar"' in arabic.content.decode()
    assert client.get(english_url.replace("health-care", "nothing-here")).status_code == 404
    assert client.get(english_url.replace("/en/", "/fi/", 1)).status_code == 404


@pytest.mark.django_db
def test_subpage_routes_and_unpublished_pages(client, module):
    status = client.get(module.url + "pdf/status/?variant=handout")
    assert status.status_code == 200 and "status" in status.json()
    module.unpublish()
    assert client.get(module.url).status_code == 404


@pytest.mark.django_db
def test_a_module_page_loads_only_its_readers_columns(client, module):
    client.get(module.url)  # the language menu's URLs are now cached for this version
    client.get("/en/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(module.url + "?uncached=1")
    assert response.status_code == 200
    module_queries = [q["sql"] for q in queries if '"curricula_modulepage"' in q["sql"]]
    assert len(module_queries) == 1
    assert '"body_en"' in module_queries[0] and '"body_ar"' not in module_queries[0]
    assert len(queries) <= 12, [q["sql"][:80] for q in queries]


def test_deferred_columns_keep_the_readers_language_and_english():
    from courses.curricula.models import ModulePage

    deferred = routing.deferred_columns(ModulePage, "ar")
    assert "body_fi" in deferred and "title_fi" in deferred
    assert "body_ar" not in deferred and "body_en" not in deferred


@pytest.mark.django_db
def test_the_remembered_site_root_is_reloaded_after_a_publish(client, home_page, author):
    client.force_login(author)  # not page-cached: this checks the site memo alone
    assert client.get("/en/").status_code == 200
    home_page.intro_en = "A-NEW-INTRODUCTION"
    home_page.save_revision().publish()
    assert "A-NEW-INTRODUCTION" in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_an_unknown_host_still_gets_the_default_site(client, module):
    response = client.get(module.url, headers={"Host": "other.example.org"})
    assert response.status_code == 200 and "Health care" in response.content.decode()
