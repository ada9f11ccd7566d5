"""An author writes a module, a reviewer publishes it, a participant reads it in Arabic."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from courses.models import ModulePage
from tests.browser.conftest import assert_accessible
from tests.factories import CurriculumIndexPageFactory, CurriculumPageFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery-staple"


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
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def log_out(page):
    page.context.clear_cookies()


def add_block(page, field_section, label):
    field_section.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def test_author_writes_reviewer_publishes_participant_reads_in_arabic(page, finland, people):
    log_in(page, "author")
    page.goto(f"/admin/pages/add/courses/modulepage/{finland.pk}/")

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
    notes.click()
    notes.type("Some participants have never seen snow. NOTE-FOR-TRAINERS-ONLY")

    # Show the Arabic fields and give the module its Arabic title.
    page.locator("button.locale-toggle", has_text="ar").click()
    page.fill("#id_title_ar", "الملابس الشتوية")

    page.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first.click()
    page.get_by_role("button", name="Submit to Curriculum review").click()
    page.wait_for_url("**/admin/pages/*/")
    module = ModulePage.objects.get(title_en="Winter clothing")
    assert not module.live
    assert module.current_workflow_state is not None

    log_out(page)
    log_in(page, "reviewer")
    page.goto(f"/admin/pages/{module.pk}/edit/")
    page.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first.click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    page.wait_for_url("**/admin/pages/*/")

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
