import pytest

from django.utils import translation

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.curricula.models import CurriculumIndexPage, CurriculumPage, ModulePage
from pdo_site.models import HomePage
from tests.curricula.factories import ModulePageFactory


class TestWhereCoursePagesGo(WagtailPageTestCase):
    def test_curriculum_index_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, CurriculumIndexPage)
        self.assertCanNotCreateAt(Page, CurriculumIndexPage)
        self.assertCanNotCreateAt(CurriculumIndexPage, CurriculumIndexPage)

    def test_curriculum_under_the_index_only(self):
        self.assertCanCreateAt(CurriculumIndexPage, CurriculumPage)
        self.assertCanNotCreateAt(HomePage, CurriculumPage)
        self.assertCanNotCreateAt(CurriculumPage, CurriculumPage)

    def test_module_under_a_curriculum_only(self):
        self.assertCanCreateAt(CurriculumPage, ModulePage)
        self.assertCanNotCreateAt(CurriculumIndexPage, ModulePage)
        self.assertCanNotCreateAt(ModulePage, ModulePage)
        self.assertAllowedSubpageTypes(ModulePage, set())


@pytest.mark.django_db
def test_curriculum_page_lists_modules_durations_and_objectives(client, curricula):
    _index, finland, _iceland = curricula
    ModulePageFactory(parent=finland, title="Arrival", duration_minutes=120)
    ModulePageFactory(parent=finland, title="Housing", duration_minutes=90)
    html = client.get(finland.url).content.decode()
    assert "Arrival" in html and "Housing" in html
    assert "3 h 30 min" in html  # total duration
    assert "Know the emergency number" in html


@pytest.mark.django_db
def test_module_renders_every_block_kind(client, curricula):
    from tests.curricula.blocks import every_block_body

    module = ModulePageFactory(parent=curricula[1], body=every_block_body())
    response = client.get(module.url)
    assert response.status_code == 200
    html = response.content.decode()
    for expected in [
        "Arriving at Helsinki Airport",  # heading
        "A social worker meets you",  # paragraph
        "Keep your documents with you.",  # key message
        "Packing a bag",  # activity
        "What worries you most about the journey?",  # discussion question
        "What number do you call in an emergency?",  # self-check
        "Kela",  # glossary term
        "Only for Finland",  # destination-specific content, curriculum is Finland's
        "112",  # destination facts
    ]:
        assert expected in html, expected
    assert "Only for Iceland" not in html


@pytest.mark.django_db
def test_trainer_notes_absent_from_public_html(client, module):
    html = client.get(module.url).content.decode()
    assert response_ok(client, module.url)
    assert "SECRET-TRAINER-NOTE" not in html
    assert "trainer-notes" not in html


@pytest.mark.django_db
def test_trainer_notes_absent_for_a_learner_without_admin_access(client, module, django_user_model):
    learner = django_user_model.objects.create_user(username="learner", password="x")
    client.force_login(learner)
    assert "SECRET-TRAINER-NOTE" not in client.get(module.url).content.decode()


@pytest.mark.django_db
def test_trainer_notes_shown_to_trainers_in_a_marked_box(client, module, author):
    client.force_login(author)
    html = client.get(module.url).content.decode()
    assert 'class="trainer-notes"' in html
    assert "SECRET-TRAINER-NOTE" in html


def response_ok(client, url):
    return client.get(url).status_code == 200


@pytest.mark.django_db
def test_missing_translation_falls_back_to_english_with_a_notice(client, module):
    module.title_ar = "الرعاية الصحية"
    module.save_revision().publish()
    with translation.override("ar"):
        url = module.url
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>الرعاية الصحية</h1>" in html
    assert 'class="notice"' in html
    # The English fallback is marked as English, left to right, inside the Arabic page.
    assert '<div class="module-body" lang="en" dir="ltr">' in html
    assert "Every municipality has a health centre." in html


@pytest.mark.django_db
def test_untranslated_page_in_every_language_is_served(client, module):
    for code in ["fi", "sv", "is", "ar", "prs", "fa", "ckb", "kmr", "ps", "so", "ti", "fr", "sw"]:
        with translation.override(code):
            url = module.url
        assert url.startswith(f"/{code}/")
        response = client.get(url)
        assert response.status_code == 200, code
        assert "Health care" in response.content.decode()


@pytest.mark.django_db
def test_complete_translation_has_no_notice(client, module):
    module.title_fi = "Terveydenhuolto"
    module.summary_fi = "Mistä saa apua sairaana."
    module.key_messages_fi = "Hätänumero on 112."
    module.body_fi = [{"type": "paragraph", "value": "<p>Jokaisessa kunnassa on terveysasema.</p>"}]
    module.save_revision().publish()
    with translation.override("fi"):
        url = module.url
    html = client.get(url).content.decode()
    assert "Jokaisessa kunnassa on terveysasema." in html
    assert 'class="notice"' not in html


@pytest.mark.django_db
def test_shared_module_shows_the_destination_of_the_curriculum_it_is_read_in(client, curricula):
    _index, finland, iceland = curricula
    body = [
        {"type": "paragraph", "value": "<p>Common to both countries.</p>"},
        {
            "type": "destination",
            "value": {
                "destination": "finland",
                "content": [{"type": "paragraph", "value": "<p>Helsinki-Vantaa</p>"}],
            },
        },
        {
            "type": "destination",
            "value": {
                "destination": "iceland",
                "content": [{"type": "paragraph", "value": "<p>Keflavík</p>"}],
            },
        },
    ]
    original = ModulePageFactory(parent=finland, title="Arrival", body=body)
    alias = original.create_alias(parent=iceland, update_slug=original.slug)

    finnish_view = client.get(original.url).content.decode()
    icelandic_view = client.get(alias.url).content.decode()
    assert "Helsinki-Vantaa" in finnish_view and "Keflavík" not in finnish_view
    assert "Keflavík" in icelandic_view and "Helsinki-Vantaa" not in icelandic_view
    assert "Common to both countries." in icelandic_view

    # Editing the original updates the shared module in both curricula.
    original.body_en = body + [{"type": "key_message", "value": "New in both."}]
    original.save_revision().publish()
    assert "New in both." in client.get(alias.url).content.decode()
