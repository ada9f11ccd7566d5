"""An author writes a module, a reviewer publishes it, a participant reads it in Arabic."""

import pytest

from django.contrib.auth.models import Group
from django.utils import translation

from courses.curricula.models import ModulePage
from tests.browser.conftest import assert_accessible, staff_sign_in, wait_until
from tests.curricula.factories import CurriculumIndexPageFactory, CurriculumPageFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def no_autosave(settings):
    # Wagtail autosaves the editor every 500 ms; here the explicit buttons are what is
    # tested, and a background save still running when a test ends locks the test database.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def finland(site_tree):
    index = CurriculumIndexPageFactory(parent=site_tree)
    return CurriculumPageFactory(parent=index, title="PDO Finland", destination="finland")


@pytest.fixture
def people(django_user_model):
    users = {}
    for username, group in [("author", "Curriculum authors"), ("reviewer", "Curriculum reviewers")]:
        user = django_user_model.objects.create_user(username=username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    return users


def log_in(page, username):
    staff_sign_in(page, username, PASSWORD)


def log_out(page):
    page.context.clear_cookies()


def type_rich_text(page, editor, text):
    """Type into a Draftail editor; keystrokes sent while it is still mounting are lost,
    so type again until the editor shows the text."""
    for _attempt in range(5):
        editor.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
        if text in editor.inner_text():
            return
        page.wait_for_timeout(300)
    raise AssertionError(f"Could not type into the rich text editor: {editor.inner_text()!r}")


def add_block(page, field_section, label):
    field_section.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def test_author_writes_reviewer_publishes_participant_reads_in_arabic(page, finland, people):
    log_in(page, "author")
    # The author works on the English and the Arabic (the editor's language chooser).
    page.goto(f"/admin/pages/add/curricula/modulepage/{finland.pk}/?languages=ar")

    page.fill("#id_title_en", "Winter clothing")
    page.fill("#id_summary_en", "How to dress for a Finnish winter.")
    page.fill("#id_duration_minutes", "45")

    body = page.locator("#panel-child-content-body_en-section")
    add_block(page, body, "Activity")
    page.fill("#body_en-0-value-title", "Dressing in layers")
    page.fill("#body_en-0-value-duration_minutes", "20")
    page.fill("#body_en-0-value-steps-0-value", "Show a winter coat, a hat and gloves.")
    page.fill("#body_en-0-value-expected_outcome", "Participants know how to dress in layers.")

    add_block(page, body, "Trainer notes")
    notes = page.locator("#body_en-1-value").locator("xpath=..").locator("[contenteditable=true]")
    type_rich_text(page, notes, "Some participants have never seen snow. NOTE-FOR-TRAINERS-ONLY")
    # Draftail stores its content in the form's hidden input a moment later.
    wait_until(
        page, "document.querySelector('#body_en-1-value').value.includes('NOTE-FOR-TRAINERS-ONLY')"
    )

    # Give the module its Arabic title.
    page.fill("#id_title_ar", "الملابس الشتوية")

    page.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first.click()
    page.get_by_role("button", name="Submit to Curriculum review").click()
    page.get_by_text("created and submitted for moderation").wait_for()
    module = ModulePage.objects.get(title_en="Winter clothing")
    assert "NOTE-FOR-TRAINERS-ONLY" in str(module.get_latest_revision().content["body_en"])
    assert not module.live
    assert module.current_workflow_state is not None

    log_out(page)
    log_in(page, "reviewer")
    page.goto(f"/admin/pages/{module.pk}/edit/")
    # Wait until the editor has built the trainer notes' rich text editor with its content.
    page.locator("[contenteditable=true]", has_text="NOTE-FOR-TRAINERS-ONLY").wait_for()
    page.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first.click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.locator(".messages .success").wait_for()

    module.refresh_from_db()
    assert module.live
    with translation.override("ar"):
        arabic_url = module.url

    log_out(page)
    page.goto(arabic_url)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "الملابس الشتوية"
    assert "Dressing in layers" in page.content()
    assert "NOTE-FOR-TRAINERS-ONLY" not in page.content()
    assert_accessible(page)


def test_saving_keeps_languages_the_editor_did_not_show(page, finland, people):
    from tests.curricula.factories import ModulePageFactory

    module = ModulePageFactory(parent=finland, title="Housing")
    module.body_ar = [{"type": "key_message", "value": "ادفع الإيجار في موعده."}]
    module.body_fi = [{"type": "key_message", "value": "Maksa vuokra ajallaan."}]
    module.save_revision().publish()

    log_in(page, "author")
    page.goto(f"/admin/pages/{module.pk}/edit/?languages=en")
    # Only English is in the editor; the translations are not sent at all.
    page.locator("#id_title_en").wait_for()
    assert page.locator("#panel-child-content-body_ar-section").count() == 0
    page.fill("#id_title_en", "Housing and neighbours")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(f"**/admin/pages/{module.pk}/edit/")

    module.refresh_from_db()
    draft = module.get_latest_revision_as_object()
    assert draft.title_en == "Housing and neighbours"
    assert draft.body_ar.raw_data[0]["value"] == "ادفع الإيجار في موعده."
    assert draft.body_fi.raw_data[0]["value"] == "Maksa vuokra ajallaan."

    # Asked for, the Arabic editor is built with its content.
    page.locator("[data-pdo-editor-languages] a", has_text="العربية").click()
    page.locator("#panel-child-content-body_ar-section textarea").first.wait_for()
    assert page.locator("#panel-child-content-body_ar-section textarea").first.input_value() == (
        "ادفع الإيجار في موعده."
    )
