"""Browser tests: Playwright driving Debian's Chromium against Django's live server."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


# Data migrations whose rows the flush removes: (module, forward function).
DATA_MIGRATIONS = [
    (
        "courses.curricula.migrations.0002_authoring_groups_and_review_workflow",
        "create_groups_and_workflow",
    ),
    ("courses.training.migrations.0002_trainer_and_manager_groups", "create_groups"),
    ("courses.learning.migrations.0002_course_manager_group", "create_group"),
]


@pytest.fixture
def site_tree(transactional_db):
    """live_server tests flush the database after each test, taking with it what migrations
    made: Wagtail's root page and Site, our groups and review workflow. Rebuild them."""
    import importlib

    from django.apps import apps

    from pdo_site.demo import ensure_site_tree

    home = ensure_site_tree()
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
    return home


@pytest.fixture
def page(browser, live_server, site_tree):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def assert_accessible(page):
    """Run axe-core on the current page and fail with the list of violations."""
    from axe_playwright_python.sync_playwright import Axe

    # Colours are checked as people see them, after fade-in animations have finished.
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')", polling=100
    )
    results = Axe().run(page)
    violations = results.response["violations"]
    assert not violations, results.generate_report()
