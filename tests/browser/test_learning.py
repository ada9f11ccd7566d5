"""A professional signs up, takes the demo course, fails the quiz once, passes, downloads
the certificate and verifies it."""

import re

import pytest

from django.core import mail
from django.core.management import call_command

from courses.curricula.models import CurriculumPage
from courses.learning import lessons
from courses.learning.models import Certificate
from tests.browser.conftest import assert_accessible
from tests.learning.quizzing import shown_questions

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(site_tree):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return CurriculumPage.objects.get(online_course=True, alias_of__isnull=True)


def test_sign_up_learn_fail_pass_and_verify_the_certificate(
    page, demo, tmp_path, settings, live_server
):
    settings.PDO_BASE_URL = live_server.url  # e-mails link to the configured address
    course = demo
    page.goto("/en/learn/")
    assert_accessible(page)
    page.get_by_role("link", name=course.title).click()
    page.get_by_role("link", name="Sign up").first.click()
    assert_accessible(page)

    page.fill("input[name=email]", "aino.virtanen@example.org")
    page.fill("input[name=password1]", "Trafficking-course-2026")
    page.fill("input[name=password2]", "Trafficking-course-2026")
    page.fill("input[name=full_name]", "Aino Virtanen")
    page.select_option("select[name=profession]", "social")
    page.fill("input[name=organisation]", "City of Lappeenranta")
    page.select_option("select[name=preferred_language]", "en")
    page.check("input[name=privacy_consent]")
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/accounts/confirm-email/**")

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/learn/my/")

    page.goto(f"/en/learn/{course.slug}/")
    page.get_by_role("button", name="Enrol in this course").click()
    page.get_by_text("You are enrolled").wait_for()
    for number, lesson in enumerate(course.modules):
        page.goto(f"/en/learn/{course.slug}/{lesson.slug}/")
        if number == 0:
            assert_accessible(page)
        for question in lessons.lesson_questions(lesson):
            page.locator(f"input[name='answer-{question.key}']").first.check()
        page.get_by_role("button", name="Complete the lesson").click()
        page.get_by_text("Lesson complete.").wait_for()

    page.goto(f"/en/learn/{course.slug}/quiz/")
    assert_accessible(page)
    questions = shown_questions(course, "aino.virtanen@example.org")
    assert len(questions) == 10  # drawn from the course's bank of 15
    lesson_texts = {q.text for m in course.modules for q in lessons.lesson_questions(m)}
    assert not lesson_texts & {q.text for q in questions}
    for question in questions:  # wrong on purpose: the option after the right one
        wrong = question.correct % len(question.options)
        page.locator(f"input[name='answer-{question.key}']").nth(wrong).check()
    page.get_by_role("button", name="Submit answers").click()
    page.get_by_text("The pass mark is 70%").first.wait_for()
    assert not Certificate.objects.exists()

    questions = shown_questions(course, "aino.virtanen@example.org")  # a new draw
    for question in questions:
        page.locator(f"input[name='answer-{question.key}']").nth(question.correct - 1).check()
    page.get_by_role("button", name="Submit answers").click()
    page.get_by_text("You passed with 100%").wait_for()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    path = tmp_path / "certificate.pdf"
    download_info.value.save_as(path)
    from pypdf import PdfReader

    text = PdfReader(path).pages[0].extract_text()
    certificate = Certificate.objects.get()
    assert "Aino Virtanen" in text and certificate.code in text

    page.context.clear_cookies()
    page.goto(f"/en/certificates/{certificate.code}/")
    assert "Valid" in page.locator(".certificate-status").inner_text()
    assert "Aino Virtanen" in page.content()
    assert "aino.virtanen@example.org" not in page.content()
    assert_accessible(page)
