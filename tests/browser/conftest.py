"""Browser tests: Playwright driving Debian's Chromium against Django's live server."""

import os
import shutil
import time

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


@pytest.fixture
def page(browser, live_server, site_tree):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def staff_sign_in(page, username, password, totp_secret=None):
    """Sign a staff member in to the Wagtail admin through the login page, as a person does.

    Every browser test signs staff in here, so a change to the staff login flow is made
    once. Staff sign in on allauth's login page with their e-mail address, which must be
    verified: as ``ensure_admin`` and the admin's user forms do, a user without one gets
    ``<username>@staff.example.org``. With ``totp_secret`` the code of the user's
    authenticator app is computed and typed when allauth asks for it.
    """
    from django.contrib.auth import get_user_model

    from pdo_site.staff_auth import ensure_verified_email

    user = get_user_model().objects.get(username=username)
    address = ensure_verified_email(user, user.email or f"{username}@staff.example.org")
    page.goto("/admin/login/")
    page.fill("#id_login", address.email)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    if totp_secret is not None:
        page.wait_for_url("**/2fa/authenticate/**")
        page.fill("#id_code", totp_code(totp_secret))
        page.click("main form button[type=submit]")
    page.wait_for_url("**/admin/")


def totp_code(secret):
    """The code an authenticator app shows now for ``secret``.

    allauth accepts the current 30-second window only; as a person does when the app's timer
    is nearly out, wait for the next code rather than type one that expires on the way.
    """
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    left = 30 - time.time() % 30
    if left < 10:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def wait_until(page, expression, timeout=15):
    """Poll a JavaScript expression until it is true.

    Playwright's ``wait_for_function`` evaluates its predicate with ``eval`` inside the
    page, which the site's Content-Security-Policy forbids; ``page.evaluate`` is not
    subject to it.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(100)


def assert_accessible(page):
    """Run axe-core on the current page and fail with the list of violations."""
    from axe_playwright_python.sync_playwright import Axe

    # Colours are checked as people see them, after fade-in animations have finished.
    # (Long decorative ones, such as the admin's pinging "what's new" badge, which runs
    # 25 seconds, are left running.)
    wait_until(
        page,
        "document.getAnimations().every(a => a.playState !== 'running'"
        " || a.effect.getComputedTiming().activeDuration > 3000)",
    )
    results = Axe().run(page)
    violations = results.response["violations"]
    assert not violations, results.generate_report()
