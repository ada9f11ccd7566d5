"""The page editor of modules: English plus the languages the author chose."""

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from courses.curricula.models import EditorLanguages
from pdo_site.translated_fields import TARGET_LANGUAGES
from tests.curricula.editor_forms import module_form_data
from tests.curricula.factories import ModulePageFactory

MAX_EDITOR_BYTES = 300_000


def twenty_blocks(language):
    blocks = []
    for n in range(4):
        blocks += [
            {"type": "heading", "value": f"[{language}] Section {n + 1}"},
            {"type": "paragraph", "value": f"<p>[{language}] Text of section {n + 1}.</p>" * 5},
            {"type": "key_message", "value": f"[{language}] Remember point {n + 1}."},
            {
                "type": "activity",
                "value": {
                    "title": f"[{language}] Activity {n + 1}",
                    "duration_minutes": 15,
                    "materials": "Paper, pens",
                    "steps": ["Introduce", "Discuss in pairs", "Share with the group"],
                    "expected_outcome": "Participants can explain the point.",
                },
            },
            {
                "type": "self_check",
                "value": {
                    "question": f"[{language}] Question {n + 1}?",
                    "options": ["One", "Two", "Three"],
                    "correct_option": 2,
                    "explanation": "Because.",
                },
            },
        ]
    return blocks


@pytest.fixture
def big_module(curricula):
    module = ModulePageFactory(parent=curricula[1], title="Health care")
    module.body_en = twenty_blocks("en")
    for code in TARGET_LANGUAGES:
        setattr(module, f"title_{code}", f"[{code}] Health care")
        setattr(module, f"summary_{code}", f"[{code}] Where to get help.")
        setattr(module, f"body_{code}", twenty_blocks(code))
    module.save_revision().publish()
    return module


def edit_url(module, languages=None):
    url = reverse("wagtailadmin_pages:edit", args=[module.pk])
    return f"{url}?languages={languages}" if languages is not None else url


@pytest.mark.django_db
def test_the_editor_of_a_module_in_fourteen_languages_sends_english_only(
    client, big_module, author
):
    client.force_login(author)
    response = client.get(edit_url(big_module))
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.content) <= MAX_EDITOR_BYTES, len(response.content)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('[name="title_en"]') is not None
    for code in TARGET_LANGUAGES:
        assert soup.select_one(f'[name="title_{code}"]') is None
        assert f"body_{code}" not in html
    # The chooser offers every other language.
    chooser = soup.select_one("[data-pdo-editor-languages]")
    assert "?languages=ar" in str(chooser) and "?languages=prs" in str(chooser)


@pytest.mark.django_db
def test_chosen_languages_are_shown_right_to_left_and_remembered(client, big_module, author):
    client.force_login(author)
    soup = BeautifulSoup(client.get(edit_url(big_module, "ar,fi")).content, "html.parser")
    arabic = soup.select_one('[name="title_ar"]')
    assert arabic["dir"] == "rtl" and arabic["lang"] == "ar"
    assert soup.select_one('[name="summary_ar"]')["dir"] == "rtl"
    assert soup.select_one('[name="title_fi"]')["dir"] == "ltr"
    assert soup.select_one('[lang="ar"][dir="rtl"] [data-controller="w-block"]') is not None
    assert soup.select_one('[name="title_prs"]') is None
    # The choice is kept for the next visit: no query string needed.
    again = BeautifulSoup(client.get(edit_url(big_module)).content, "html.parser")
    assert again.select_one('[name="title_ar"]') is not None
    assert again.select_one('[name="title_fi"]') is not None
    assert EditorLanguages.chosen_by(author) == ["fi", "ar"]
    # "English only" forgets it.
    client.get(edit_url(big_module, "en"))
    assert EditorLanguages.chosen_by(author) == []
    # Unknown codes are ignored, not an error.
    assert client.get(edit_url(big_module, "xx,<b>")).status_code == 200


@pytest.mark.django_db
def test_saving_keeps_the_languages_the_editor_did_not_show(client, big_module, author):
    client.force_login(author)
    client.get(edit_url(big_module, "ar"))
    data = module_form_data(
        title="Health care and hospitals",
        slug=big_module.slug_en,
        body=[("heading", "Health centres")],
        title_ar="الرعاية الصحية",
        summary_ar="أين تجد المساعدة.",
        key_messages_ar="",
        body_ar=[("heading", "المراكز الصحية")],
    )
    response = client.post(edit_url(big_module), data)
    assert response.status_code == 302
    big_module.refresh_from_db()
    draft = big_module.get_latest_revision_as_object()
    assert draft.title_en == "Health care and hospitals"
    assert draft.title_ar == "الرعاية الصحية"
    assert draft.body_ar.raw_data[0]["value"] == "المراكز الصحية"
    # Hidden languages: exactly as they were.
    for code in ("fi", "prs", "so", "ti"):
        assert getattr(draft, f"title_{code}") == f"[{code}] Health care"
        assert getattr(draft, f"summary_{code}") == f"[{code}] Where to get help."
        assert len(getattr(draft, f"body_{code}")) == 20
        assert draft.body_fi.raw_data[0]["value"] == "[fi] Section 1"


@pytest.mark.django_db
def test_a_save_without_a_shown_languages_fields_does_not_blank_them(client, big_module, author):
    """An editor opened before the author chose Arabic in another tab posts no Arabic."""
    client.force_login(author)
    client.get(edit_url(big_module, "ar"))
    data = module_form_data(
        title="Health care", slug=big_module.slug_en, body=[("heading", "Health centres")]
    )
    assert client.post(edit_url(big_module), data).status_code == 302
    big_module.refresh_from_db()
    draft = big_module.get_latest_revision_as_object()
    assert draft.title_ar == "[ar] Health care"
    assert len(draft.body_ar) == 20


@pytest.mark.django_db
def test_a_bad_save_comes_back_with_the_error_and_the_shown_languages(client, big_module, author):
    client.force_login(author)
    client.get(edit_url(big_module, "ar"))
    data = module_form_data(
        title="", slug=big_module.slug_en, title_ar="الرعاية الصحية", summary_ar="مساعدة"
    )
    response = client.post(edit_url(big_module), data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('[name="title_ar"]')["value"] == "الرعاية الصحية"
    assert soup.select_one(".error-message, .w-field__errors") is not None
    big_module.refresh_from_db()
    assert big_module.title_en == "Health care"
