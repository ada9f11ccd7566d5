"""The learner's journey on a phone and a desktop, in Finnish, Arabic and Dari: sign up (the
privacy notice and consent shown), confirm the e-mail read from the outbox in the learner's
language, take the counter-trafficking course, pass the quiz, download the certificate and
verify it. Every page on the way passes axe; each is screenshotted into SHOTS."""

import re
from pathlib import Path

import pytest

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from courses.curricula.models import CurriculumPage
from courses.learning import lessons
from courses.learning.certificates import issuing_organisation
from courses.learning.models import Certificate
from pdo_site.emails import platform_name
from tests.browser.conftest import assert_accessible
from tests.learning.pdf_text import first_page_text, reads
from tests.learning.quizzing import shown_questions

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-16-learner")
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
RTL = {"ar", "prs"}


def switcher_fully_in_view(page):
    """Open the language switcher and check that every language link lies inside the viewport."""
    switcher = page.locator(".language-switcher")
    switcher.locator("summary").click()
    viewport = page.viewport_size
    outside = []
    for link in switcher.locator("a[hreflang]").all():
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        inside = (
            box is not None
            and box["x"] >= 0
            and box["y"] >= 0
            and box["x"] + box["width"] <= viewport["width"]
            and box["y"] + box["height"] <= viewport["height"]
        )
        if not inside:
            outside.append((link.get_attribute("hreflang"), box))
    switcher.locator("summary").click()
    assert not outside, f"language links outside the {viewport} viewport: {outside}"


class Journey:
    """One learner's walk through the site: screenshots and axe on every page."""

    def __init__(self, page, language, viewport_name):
        self.page, self.language, self.viewport_name = page, language, viewport_name
        self.shots = 0

    def check(self, name):
        page = self.page
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("lang") == self.language
        assert page.locator("html").get_attribute("dir") == (
            "rtl" if self.language in RTL else "ltr"
        )
        self.shots += 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=SHOTS / f"{self.language}-{self.viewport_name}-{self.shots:02d}-{name}.png",
            full_page=True,
        )
        assert_accessible(page)
        # The page's own content fits the screen.
        overflow = page.evaluate(
            "[...document.querySelectorAll('main *')].filter(e => {"
            " const r = e.getBoundingClientRect();"
            " return r.width && (r.left < -1 || r.right > window.innerWidth + 1); })"
            ".map(e => e.tagName + '.' + e.className).slice(0, 5)"
        )
        assert not overflow, f"{name}: wider than the {page.viewport_size['width']} px screen"
        switcher_fully_in_view(page)


@pytest.fixture
def course(site_tree):
    # The curricula and the online course; the generated training records play no part.
    call_command("load_demo", "--without-training-records", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return CurriculumPage.objects.get(online_course=True, alias_of__isnull=True)


@pytest.fixture
def context(browser, live_server, viewport_name):
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE if viewport_name == "phone" else DESKTOP,
        has_touch=viewport_name == "phone",
        accept_downloads=True,
    )
    yield context
    context.close()


@pytest.mark.parametrize(
    ("language", "viewport_name"),
    [(language, viewport) for viewport in ("phone", "desktop") for language in ("fi", "ar", "prs")],
)
def test_learner_signs_up_learns_passes_and_verifies(
    context, live_server, settings, course, language, viewport_name
):
    settings.PDO_BASE_URL = live_server.url  # the mails link to the configured address
    page = context.new_page()
    page.set_default_timeout(15_000)
    journey = Journey(page, language, viewport_name)
    email = f"learner.{language}.{viewport_name}@example.org"
    with translation.override(language):
        course_url = reverse("learning:course", args=[course.slug])
        texts = {
            "lesson_done": gettext("Lesson complete."),
            "organisation": issuing_organisation(),
            "platform": platform_name(),
        }

    page.goto(f"/{language}/learn/")
    journey.check("catalogue")
    page.locator(f"main a[href='{course_url}']").first.click()
    page.wait_for_url(f"**{course_url}")
    journey.check("course")
    page.locator("main a[href*='/accounts/signup/']").click()

    # Sign-up: the notice is shown, consent is not ticked, no profession is chosen.
    page.wait_for_url("**/accounts/signup/")
    assert page.locator("#privacy-notice-title").is_visible()
    assert not page.locator("input[name=privacy_consent]").is_checked()
    assert page.locator("select[name=profession]").input_value() == ""
    assert page.locator("select[name=preferred_language]").input_value() == language
    journey.check("signup")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", "Trafficking-course-2026")
    page.fill("input[name=password2]", "Trafficking-course-2026")
    page.fill("input[name=full_name]", "Samira Haddad")
    page.select_option("select[name=profession]", "health")
    page.check("input[name=privacy_consent]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/confirm-email/")
    journey.check("verification-sent")

    # The confirmation mail, in the learner's language and direction.
    (message,) = [m for m in mail.outbox if m.to == [email]]
    ((html, _mimetype),) = message.alternatives
    direction = "rtl" if language in RTL else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert texts["platform"] in message.subject and texts["platform"] in message.body
    link = re.search(
        rf"{re.escape(live_server.url)}/{language}/accounts/confirm-email/\S+/", message.body
    ).group(0)
    page.goto(link)
    journey.check("confirm-email")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/learn/my/")
    journey.check("dashboard")

    # The course: enrol, then each lesson with its self-check.
    page.goto(course_url)
    page.locator("main form button[type=submit]").click()
    page.locator("ol.module-list a").first.click()
    for number, lesson in enumerate(course.modules):
        page.wait_for_url(re.compile(r".*/learn/[^/]+/[^/]+/$"))
        if number == 0:
            journey.check("lesson")
        for question in lessons.lesson_questions(lesson):
            page.locator(f"input[name='answer-{question.key}']").first.check()
        page.locator("form.lesson-check button[type=submit]").click()
        page.get_by_text(texts["lesson_done"]).wait_for()
        page.locator("main a.button").last.click()

    # The quiz, passed.
    page.wait_for_url("**/quiz/")
    journey.check("quiz")
    for question in shown_questions(course, email, language):
        page.locator(f"input[name='answer-{question.key}']").nth(question.correct - 1).check()
    page.locator("main form button[type=submit]").click()
    page.locator(".certificate-status--valid").wait_for()
    journey.check("quiz-passed")

    # The certificate: in the learner's language, naming the organisation and the hours.
    certificate = Certificate.objects.get(learner__email=email)
    with page.expect_download() as download:
        page.locator(f"main a[href$='/{certificate.code}/pdf/']").first.click()
    text = first_page_text(Path(download.value.path()).read_bytes())
    with translation.override(language):
        hours = certificate.duration_display
    assert "Samira Haddad" in text and certificate.code in text
    assert reads(text, texts["organisation"]) and reads(text, hours)
    issued = [m for m in mail.outbox if m.to == [email] and certificate.course_title in m.subject]
    assert len(issued) == 1

    # Anyone can verify it, without an account.
    context.clear_cookies()
    page.goto(f"/{language}/certificates/{certificate.code}/")
    assert page.locator(".certificate-status--valid").is_visible()
    assert hours in page.content() and email not in page.content()
    journey.check("verify")
