import re

import pytest

from django.db import connection
from django.utils import translation

from courses.curricula.search import text_search_config
from tests.curricula.factories import ModulePageFactory


@pytest.fixture
def searchable(curricula):
    _index, finland, _iceland = curricula
    health = ModulePageFactory(
        parent=finland, title="Health care", summary="Health centres and Kela"
    )
    health.title_ar = "الرعاية الصحية"
    health.summary_ar = "المراكز الصحية والتأمين الاجتماعي"
    health.save_revision().publish()
    ModulePageFactory(parent=finland, title="Housing", summary="Renting a flat")
    return health


@pytest.mark.django_db
def test_search_finds_modules_in_the_active_language(client, searchable):
    with translation.override("ar"):
        url = "/ar/search/"
    html = client.get(url, {"q": "الصحية"}).content.decode()
    assert "الرعاية الصحية" in html
    assert "Housing" not in html


@pytest.mark.django_db
def test_search_falls_back_to_english_text(client, searchable):
    html = client.get("/ar/search/", {"q": "Renting"}).content.decode()
    assert "Housing" in html


@pytest.mark.django_db
def test_search_does_not_match_other_languages_or_trainer_notes(client, searchable):
    # Arabic words are not searched for a Finnish reader; trainer notes are never indexed.
    assert "الرعاية" not in client.get("/fi/search/", {"q": "الصحية"}).content.decode()
    html = client.get("/en/search/", {"q": "SECRET-TRAINER-NOTE"}).content.decode()
    assert "Health care" not in html


@pytest.mark.django_db
def test_empty_search_shows_the_form(client, home_page):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert 'type="search"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("ordering", ["title", "-title"])
def test_admin_page_search_sorts_by_title(admin_client, home_page, ordering):
    # wagtail-modeltranslation sorts by the active language's column; it answered 500.
    response = admin_client.get("/admin/pages/search/", {"q": "home", "ordering": ordering})
    assert response.status_code == 200


def result_titles(client, language, query):
    html = client.get(f"/{language}/search/", {"q": query}).content.decode()
    return set(re.findall(r"<h2><a [^>]*>([^<]+)</a></h2>", html))


on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="text-search dictionaries: PostgreSQL"
)


@pytest.fixture
def finnish_housing(curricula):
    _index, finland, _iceland = curricula
    for title, summary, summary_fi in [
        ("Housing", "Finding a flat", "Vuokra-asunto ja oma asunto"),
        ("Rent", "Paying for the flat", "Asunnon vuokra maksetaan kuukausittain"),
        ("Work", "Looking for a job", "Työpaikan etsiminen"),
    ]:
        page = ModulePageFactory(
            parent=finland, title=title, summary=summary, summary_fi=summary_fi
        )
        page.save_revision().publish()


@on_postgresql
@pytest.mark.django_db
def test_finnish_inflected_forms_find_the_same_pages(client, finnish_housing):
    assert text_search_config("fi") == "finnish"
    assert result_titles(client, "fi", "asunto") == {"Housing", "Rent"}
    assert result_titles(client, "fi", "asunnon") == {"Housing", "Rent"}
    assert result_titles(client, "fi", "asuntojen etsiminen") == set()


@on_postgresql
@pytest.mark.django_db
def test_english_is_stemmed_and_languages_without_a_dictionary_use_simple(client, searchable):
    assert text_search_config("prs") == "simple"
    assert text_search_config("sv") == "swedish"
    # English stemming: "rented" finds "Renting"; a Dari reader sees the English text.
    assert result_titles(client, "en", "rented") == {"Housing"}
    assert result_titles(client, "prs", "renting") == {"Housing"}


@pytest.mark.django_db
def test_search_finds_finnish_words_on_any_database(client, finnish_housing):
    assert result_titles(client, "fi", "asunto") >= {"Housing"}
    assert result_titles(client, "fi", "työpaikan") == {"Work"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, count_text",
    [("paying", "1 نتيجة"), ("flat", "نتيجتان"), ("nowhere", "لم يُعثر على أي نتائج لـ «nowhere»")],
)
def test_arabic_result_count_uses_the_plural_forms(client, finnish_housing, query, count_text):
    # Arabic has six plural forms; nothing found is said in words, not as "0 نتيجة".
    html = client.get("/ar/search/", {"q": query}).content.decode()
    status = html.split('role="status">', 1)[1].split("</p>", 1)[0]
    assert count_text in status
    assert "0 " not in status
