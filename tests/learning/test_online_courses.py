"""Online courses: quiz answers stay on the server, learners reach only their own records."""

from pathlib import Path

import pytest

from django.urls import reverse

from courses.learning import lessons, quiz
from courses.learning.certificates import issue_certificate
from courses.learning.models import (
    Certificate,
    CourseEnrolment,
    QuizAttempt,
)
from tests.learning.factories import LearnerFactory
from tests.learning.quizzing import quiz_form


@pytest.mark.django_db
def test_quiz_answers_are_not_in_any_html_before_submission(client, course, django_user_model):
    user = LearnerFactory(username="anna")
    enrolment = lessons.enrol(user, course)
    client.force_login(user)
    pages = [reverse("learning:course", args=[course.slug])]
    for lesson in course.modules:
        pages.append(reverse("learning:lesson", args=[course.slug, lesson.slug]))
        pages.append(lesson.url)  # the public module page of an online course
        lessons.complete_lesson(enrolment, lesson, {})
    pages.append(reverse("learning:quiz", args=[course.slug]))
    for url in pages:
        html = client.get(url).content.decode()
        assert "EXPLANATION-" not in html, url  # neither self-checks' nor the quiz's
        assert "Answer: option" not in html, url
        assert "correct" not in html.lower().replace("correct answer", ""), url


@pytest.mark.django_db
def test_quiz_graded_on_the_server_fail_then_pass_then_certificate(
    client, course, django_user_model
):
    user = LearnerFactory(username="anna")
    enrolment = lessons.enrol(user, course)
    for lesson in course.modules:
        lessons.complete_lesson(enrolment, lesson, {})
    client.force_login(user)
    url = reverse("learning:quiz", args=[course.slug])
    assert client.get(url).status_code == 200
    wrong = quiz_form(enrolment, right=False)
    response = client.post(url, wrong)
    assert "You scored 0%" in response.content.decode()
    assert "QUIZ-EXPLANATION-1" in response.content.decode()  # after submission
    assert not Certificate.objects.exists()
    client.post(url, wrong)  # the same form sent twice counts once
    assert QuizAttempt.objects.count() == 1

    response = client.post(url, quiz_form(enrolment))
    assert "You passed with 100%" in response.content.decode()
    certificate = Certificate.objects.get(learner=user)
    assert certificate.hours == 2  # 45 + 75 minutes
    assert certificate.status == "valid"
    assert certificate.valid_until.year == certificate.issued_on.year + 2
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


@pytest.mark.django_db
def test_attempt_limit(client, course, django_user_model):
    user = LearnerFactory(username="anna")
    enrolment = lessons.enrol(user, course)
    for lesson in course.modules:
        lessons.complete_lesson(enrolment, lesson, {})
    client.force_login(user)
    url = reverse("learning:quiz", args=[course.slug])
    for _n in range(4):
        client.post(url, quiz_form(enrolment, right=False))
    assert QuizAttempt.objects.count() == 3
    assert "used all your quiz attempts" in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "short", "x" * 41, "x" * 5000, "bad token with spaces!!"])
def test_a_malformed_quiz_token_is_refused_with_a_message_and_counts_no_attempt(
    client, course, token
):
    user = LearnerFactory(username="anna")
    enrolment = lessons.enrol(user, course)
    for lesson in course.modules:
        lessons.complete_lesson(enrolment, lesson, {})
    client.force_login(user)
    url = reverse("learning:quiz", args=[course.slug])
    response = client.post(url, {"token": token, "language": "en"}, follow=True)
    assert response.status_code == 200
    assert "not sent as given" in response.content.decode()
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_lessons_in_order_and_progress_resumes(client, course, django_user_model):
    user = LearnerFactory(username="anna")
    lessons.enrol(user, course)
    first, second = course.modules
    client.force_login(user)
    response = client.get(reverse("learning:lesson", args=[course.slug, second.slug]))
    assert response.status_code == 302  # the second lesson opens after the first
    key = lessons.lesson_questions(first)[0].key
    client.post(reverse("learning:lesson", args=[course.slug, first.slug]), {f"answer-{key}": "3"})
    # Another device: a new session of the same learner sees the same progress.
    other_device = client.__class__()
    other_device.force_login(user)
    html = other_device.get(reverse("learning:dashboard")).content.decode()
    assert "50%" in html and second.title in html


@pytest.mark.django_db
def test_one_learner_cannot_reach_anothers_progress_or_certificate(
    client, course, django_user_model
):
    anna, ben = LearnerFactory(username="anna"), LearnerFactory(username="ben")
    enrolment = lessons.enrol(anna, course)
    certificate = issue_certificate(enrolment)
    client.force_login(ben)
    pdf = reverse("learning:certificate_pdf", args=[certificate.code])
    assert client.get(pdf).status_code == 404
    assert (
        client.get(
            reverse("learning:lesson", args=[course.slug, course.modules[0].slug])
        ).status_code
        == 404
    )
    assert "anna" not in client.get(reverse("learning:dashboard")).content.decode().lower()
    assert "Anna" not in client.get(reverse("learning:my_data")).content.decode()
    client.force_login(anna)
    response = client.get(pdf)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_certificate_pdf_and_public_verification(client, course, django_user_model):
    import io

    from pypdf import PdfReader

    anna = LearnerFactory(username="anna")
    certificate = issue_certificate(lessons.enrol(anna, course))
    client.force_login(anna)
    pdf = b"".join(
        [client.get(reverse("learning:certificate_pdf", args=[certificate.code])).content]
    )
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Anna" in text and "Recognising trafficking" in text and certificate.code in text

    client.logout()
    html = client.get(f"/en/certificates/{certificate.code}/").content.decode()
    assert "Anna" in html and "Valid" in html
    assert "anna@example.org" not in html and "health" not in html.lower()
    certificate.revoked_at = certificate.issued_on.isoformat() + "T00:00Z"
    certificate.save()
    assert "Revoked" in client.get(f"/en/certificates/{certificate.code}/").content.decode()
    assert client.get("/en/certificates/not-a-real-code/").status_code == 404


@pytest.mark.django_db
def test_verification_codes_are_long_and_random(course, django_user_model):
    codes = {
        issue_certificate(lessons.enrol(LearnerFactory(username=f"l{n}"), course)).code
        for n in range(5)
    }
    assert len(codes) == 5 and all(len(code) >= 32 for code in codes)


@pytest.mark.django_db
def test_learner_downloads_data_and_deletes_account(client, course, django_user_model):
    import json

    anna = LearnerFactory(username="anna")
    lessons.enrol(anna, course)
    client.force_login(anna)
    data = json.loads(client.get(reverse("learning:my_data")).content)
    assert data["profile"]["full_name"] == "Anna"
    assert data["enrolments"][0]["course"] == "Recognising trafficking"
    response = client.post(reverse("learning:delete_account"), {"password": "wrong"})
    assert "The password is not correct." in response.content.decode()
    client.post(reverse("learning:delete_account"), {"password": "pw-learner-123"})
    assert not django_user_model.objects.filter(username="anna").exists()
    assert not CourseEnrolment.objects.exists()


@pytest.mark.django_db
def test_course_manager_report_and_revoke(client, course, django_user_model):
    import csv
    import io

    from django.contrib.auth.models import Group

    anna = LearnerFactory(username="anna")
    enrolment = lessons.enrol(anna, course)
    for lesson in course.modules:
        lessons.complete_lesson(enrolment, lesson, {})
    for right in (False, True):
        form = quiz_form(enrolment, right=right)
        quiz.submit_quiz(enrolment, form, "en", form["token"])
    manager = django_user_model.objects.create_user(username="cm", password="x")
    manager.groups.add(Group.objects.get(name="Course managers"))
    client.force_login(manager)
    response = client.get(reverse("learning_reports:online_courses") + "?export=csv")
    (row,) = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    assert row["Enrolments"] == "1" and row["Completions"] == "1"
    assert row["Pass rate (%)"] == "50.0" and row["Average score (%)"] == "50.0"
    assert row["Profession"] == "Health care"

    certificate = Certificate.objects.get()
    client.post(
        reverse("certificate:edit", args=[certificate.pk]),
        {"revoked": "on", "revoked_reason": "Issued in error"},
    )
    certificate.refresh_from_db()
    assert certificate.status == "revoked"


@pytest.mark.django_db
def test_repeated_failed_logins_are_throttled(client, django_user_model):
    from django.core.cache import cache

    cache.clear()
    LearnerFactory(username="anna")
    url = "/en/accounts/login/"
    for _ in range(5):
        response = client.post(url, {"login": "anna@example.org", "password": "wrong"})
        assert "Too many failed login attempts" not in response.content.decode()
    response = client.post(url, {"login": "anna@example.org", "password": "pw-learner-123"})
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()


def test_passwords_are_hashed_with_argon2():
    # The test settings use a fast hasher; production inherits the base settings.
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from pdo_site.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert "PASSWORD_HASHERS" not in Path(base.__file__).with_name("production.py").read_text()
    assert Argon2PasswordHasher().encode("secret", "saltsaltsalt").startswith("argon2$")
