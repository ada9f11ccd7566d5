"""The header and its language switcher on a phone and a desktop, left to right and right
to left: one short line on every kind of public page, every language reachable.

Set SCREENSHOTS_DIR to keep a picture of each page with the switcher open.
"""

import os
from pathlib import Path

import pytest

from django.core.management import call_command
from django.utils import translation

from courses.curricula.models import CurriculumPage
from pdo_site.languages import SITE_LANGUAGES
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "ar", "prs", "fi"]
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 800}
MIN_TARGET = 44  # px, WCAG 2.5.5
LINK_BOXES = """els => els.map(e => {
    const r = e.getBoundingClientRect();
    return {text: e.textContent.trim(), left: r.left, right: r.right, top: r.top,
            bottom: r.bottom, width: r.width, height: r.height};
})"""


@pytest.fixture
def public_paths(site_tree):
    """One page of each kind, per language."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    curriculum = CurriculumPage.objects.live().filter(alias_of__isnull=True).first()
    module = curriculum.get_children().live().first().specific
    paths = {}
    for code in LANGUAGES:
        with translation.override(code):
            paths[code] = {
                "home": f"/{code}/",
                "curriculum": curriculum.get_url(),
                "module": module.get_url(),
                "search": f"/{code}/search/?q=a",
                "figures": f"/{code}/figures/",
                "learner": f"/{code}/learn/",
                "account": f"/{code}/accounts/login/",
            }
    return paths


def check_switcher_fits(page, viewport):
    page.locator(".language-switcher summary").click()
    links = page.locator(".language-switcher__list a")
    links.first.wait_for()
    boxes = links.evaluate_all(LINK_BOXES)
    assert len(boxes) == len(SITE_LANGUAGES)
    for box in boxes:
        inside = (
            box["left"] >= 0
            and box["right"] <= viewport["width"]
            and box["top"] >= 0
            and box["bottom"] <= viewport["height"]
        )
        assert inside, f"{box['text']} is outside the {viewport} viewport: {box}"
        assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, box


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_header_is_one_short_line_and_every_language_is_in_view(
    browser, live_server, public_paths, viewport
):
    shots = os.environ.get("SCREENSHOTS_DIR")
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    heights = {}
    for code in LANGUAGES:
        for kind, path in public_paths[code].items():
            response = page.goto(path)
            assert response.status == 200, path
            assert page.locator("html").get_attribute("lang") == code
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            heights[code, kind] = page.locator(".site-header").bounding_box()["height"]
            check_switcher_fits(page, viewport)
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{shots}/{code}-{kind}-{viewport['width']}.png")
            assert_accessible(page)
    # One line, the same on every page and in every language.
    assert max(heights.values()) <= 64, heights
    assert len(set(heights.values())) == 1, heights
    context.close()


def test_phone_menu_and_switcher_work_without_javascript(browser, live_server, public_paths):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(public_paths["ar"]["module"])
    check_switcher_fits(page, PHONE)
    page.get_by_role("link", name="suomi").click()
    page.wait_for_url(f"**{public_paths['fi']['module']}")
    assert page.locator("html").get_attribute("dir") == "ltr"

    page.locator(".site-nav summary").click()
    search = page.get_by_role("searchbox")
    search.fill("matka")
    search.press("Enter")
    page.wait_for_url("**/fi/search/?q=matka")
    context.close()


def test_desktop_shows_the_menu_in_line(page, public_paths):
    page.goto(public_paths["prs"]["home"])
    assert page.locator(".site-nav summary").is_hidden()
    assert page.locator(".site-menu a").first.is_visible()
    assert page.get_by_role("searchbox").is_visible()
