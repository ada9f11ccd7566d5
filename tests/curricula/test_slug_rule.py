"""One slug per page: every language reads a page under the English path (docs/slugs.md)."""

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse
from django.utils import translation

from courses.curricula.models import EditorLanguages, ModulePage
from tests.curricula.editor_forms import module_form_data

ARABIC_TITLE = "السلامة في اليوم الأول"


@pytest.mark.django_db
def test_a_module_created_with_an_arabic_title_keeps_the_english_path(client, curricula, reviewer):
    finland = curricula[1]
    client.force_login(reviewer)
    EditorLanguages.remember(reviewer, ["ar"])
    add = reverse("wagtailadmin_pages:add", args=["curricula", "modulepage", finland.pk])
    editor = client.get(add).content.decode()
    # The editor has the Arabic title but no Arabic slug for the title to fill.
    assert 'name="title_ar"' in editor
    assert 'name="slug_ar"' not in editor
    data = module_form_data(
        title="Safety on the first day",
        slug="safety-on-the-first-day",
        body=[("paragraph", "<p>Stay with the group.</p>")],
        title_ar=ARABIC_TITLE,
        # What the old editor's script filled in: ignored.
        slug_ar="السلامة-في-اليوم-الأول",
        **{"action-publish": "publish"},
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    module = ModulePage.objects.get(slug_en="safety-on-the-first-day")
    assert module.live and module.title_ar == ARABIC_TITLE
    assert {getattr(module, f"slug_{code}") for code in ("ar", "prs", "fi")} == {
        "safety-on-the-first-day"
    }
    with translation.override("en"):
        english = module.get_url()
    arabic = "/ar/" + english.split("/", 2)[2]
    with translation.override("ar"):
        assert module.get_url() == arabic
    client.logout()
    page = client.get(arabic)
    assert page.status_code == 200
    assert ARABIC_TITLE in page.content.decode()
    # The language switcher and hreflang links use the same path in every language.
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }
    tail = english.split("/", 2)[2]
    assert alternates["prs"].endswith(f"/prs/{tail}")
    assert alternates["en"].endswith(english)


@pytest.mark.django_db
def test_saving_a_module_with_a_translated_slug_brings_it_back_to_the_english_one(
    client, module, reviewer
):
    module.slug_ar = "الرعاية-الصحية"
    module.save_revision().publish()
    client.force_login(reviewer)
    edit = reverse("wagtailadmin_pages:edit", args=[module.pk])
    data = module_form_data(
        title=module.title_en,
        slug=module.slug_en,
        body=[("paragraph", "<p>Every municipality has a health centre.</p>")],
        **{"action-publish": "publish"},
    )
    assert client.post(edit, data).status_code == 302
    module.refresh_from_db()
    assert module.slug_ar == module.slug_en
    with translation.override("ar"):
        assert client.get(module.get_url()).status_code == 200
    assert module.url_path_ar == module.url_path_en
