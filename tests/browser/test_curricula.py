"""Public curriculum pages with the real demo content: right to left, accessible, on a phone."""

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.browser.conftest import assert_accessible, staff_sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(site_tree):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


PUBLIC_PAGES = [
    ("/ar/curricula/", "rtl"),
    ("/ar/curricula/pdo-finland/", "rtl"),
    ("/ar/curricula/pdo-finland/health-care/", "rtl"),
    ("/prs/curricula/pdo-iceland/health-care/", "rtl"),
    ("/fi/curricula/pdo-finland/housing/", "ltr"),
    ("/sv/curricula/trafficking-health-social/recognising-the-signs/", "ltr"),
    ("/ar/search/?q=112", "rtl"),
    ("/ar/learn/", "rtl"),
]


def test_public_pages_are_accessible_in_their_direction(page, demo):
    # One test for all pages: loading the demo content is the slow part.
    for path, direction in PUBLIC_PAGES:
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("dir") == direction, path
        assert (
            page.evaluate("getComputedStyle(document.querySelector('main')).direction") == direction
        ), path
        assert_accessible(page)


def test_shared_module_shows_iceland_content_in_the_iceland_curriculum(page, demo):
    page.goto("/en/curricula/pdo-iceland/journey-and-arrival/")
    text = page.locator("main").inner_text()
    assert "Keflavík" in text
    assert "Helsinki-Vantaa" not in text


def test_module_on_a_phone_with_trainer_notes_for_a_trainer(
    browser, live_server, demo, django_user_model
):
    trainer = django_user_model.objects.create_user(username="trainer", password="pw-trainer-123")
    trainer.groups.add(Group.objects.get(name="Curriculum authors"))
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto("/ar/curricula/pdo-finland/health-care/")
    assert page.locator(".trainer-notes").count() == 0

    staff_sign_in(page, "trainer", "pw-trainer-123")
    page.goto("/ar/curricula/pdo-finland/health-care/")
    assert page.locator(".trainer-notes").count() >= 1
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
    context.close()
