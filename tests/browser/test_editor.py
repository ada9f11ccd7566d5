"""The module editor in a browser, and a partly translated Dari module as a reader sees it."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.contrib.auth.models import Group
from django.utils import translation

from pdo_site.translated_fields import TARGET_LANGUAGES
from tests.browser.conftest import assert_accessible, staff_sign_in, wait_until
from tests.curricula.factories import (
    CurriculumIndexPageFactory,
    CurriculumPageFactory,
    ModulePageFactory,
)
from tests.curricula.test_editor import twenty_blocks
from tests.curricula.test_fallback_isolation import DARI_HEADING, ENGLISH_BODY, dari_body

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-staple"
# Screenshots to look at by hand (never committed): set PDO_SCREENSHOTS=/some/dir.
SCREENSHOTS = os.environ.get("PDO_SCREENSHOTS")


def screenshot(page, name):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture(autouse=True)
def no_autosave(settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def finland(site_tree):
    index = CurriculumIndexPageFactory(parent=site_tree)
    return CurriculumPageFactory(parent=index, title="PDO Finland", destination="finland")


@pytest.fixture
def author(django_user_model):
    user = django_user_model.objects.create_user(username="author", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Curriculum authors"))
    return user


def direction(page, selector):
    return page.evaluate(f"getComputedStyle(document.querySelector({selector!r})).direction")


def test_a_partly_translated_dari_module_isolates_its_english(page, finland):
    module = ModulePageFactory(parent=finland, title="Safety on the first day")
    module.body_en = ENGLISH_BODY
    module.body_prs = dari_body()
    module.save_revision().publish()
    with translation.override("prs"):
        url = module.get_url()
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(url)
        assert page.locator("html").get_attribute("dir") == "rtl"
        english = page.locator(".module-body .fallback-block").first
        assert "Bring two phones (switched off)." in english.inner_text()
        assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
        # The English paragraph keeps its closing bracket and full stop at the end.
        assert english.evaluate("e => e.innerText.trim().endsWith('off).')")
        heading = page.get_by_role("heading", name=DARI_HEADING)
        assert heading.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        screenshot(page, f"dari-module-{width}")
    assert_accessible(page)


def test_the_editor_shows_chosen_languages_right_to_left_without_overflow(page, finland, author):
    module = ModulePageFactory(parent=finland, title="Health care")
    module.body_en = twenty_blocks("en")
    for code in TARGET_LANGUAGES:
        setattr(module, f"title_{code}", f"[{code}] Health care")
        setattr(module, f"body_{code}", twenty_blocks(code))
    module.save_revision().publish()

    staff_sign_in(page, "author", PASSWORD)
    page.goto(f"/admin/pages/{module.pk}/edit/")
    page.locator("#id_title_en").wait_for()
    assert page.locator("#id_title_ar").count() == 0
    assert page.locator(".locale-picker:visible").count() == 0
    # The author asks for Arabic in the chooser.
    page.locator("[data-pdo-editor-languages] a", has_text="العربية").click()
    page.locator("#id_title_ar").wait_for()
    wait_until(page, "!!document.querySelector('#body_ar-0-value')")
    assert direction(page, "#id_title_ar") == "rtl"
    assert direction(page, "#id_summary_ar") == "rtl"
    assert direction(page, "#body_ar-0-value") == "rtl"
    assert direction(page, "#id_title_en") == "ltr"
    assert page.locator("#id_title_ar").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate(
        "[...document.querySelectorAll('main, form[data-edit-form]')]"
        ".every(e => e.scrollWidth <= e.clientWidth + 1)"
    )
    screenshot(page, "editor-ar-1280")

    # Saved, the editor comes back with Arabic still shown, and the other languages kept.
    page.fill("#id_title_ar", "الرعاية الصحية")
    page.get_by_role("button", name="Save draft").click()
    page.locator(".messages .success").wait_for()
    page.locator("#id_title_ar").wait_for()
    assert page.locator("#id_title_ar").input_value() == "الرعاية الصحية"
    module.refresh_from_db()
    draft = module.get_latest_revision_as_object()
    assert draft.title_ar == "الرعاية الصحية"
    assert draft.title_fi == "[fi] Health care" and len(draft.body_fi) == 20
    # Wagtail's own StreamField inputs have no labels (upstream); the chooser is checked.
    results = Axe().run(page, context="[data-pdo-editor-languages]")
    assert not results.response["violations"], results.generate_report()
