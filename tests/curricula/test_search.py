import pytest

from django.utils import translation

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
