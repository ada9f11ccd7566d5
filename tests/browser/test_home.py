import pytest

from pdo_site.demo import DEMO_DIR, read_translations
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

HOME_TEXT = read_translations(DEMO_DIR / "home")


def test_arabic_home_page_is_right_to_left_and_switches_to_finnish(page):
    page.goto("/ar/")
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == HOME_TEXT["ar"]["title"]
    # The browser lays the page out right to left, not just the attribute.
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert_accessible(page)

    page.get_by_role("navigation", name="اختر اللغة").locator("summary").click()
    page.get_by_role("link", name="suomi").click()

    page.wait_for_url("**/fi/")
    assert html.get_attribute("lang") == "fi"
    assert html.get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == HOME_TEXT["fi"]["title"]
    assert_accessible(page)


def test_english_home_page_is_accessible_on_a_phone(browser, live_server, site_tree):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto("/en/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert_accessible(page)
    context.close()
