"""Every page is reachable in every site language, whatever its translations are.

A page or course without a slug of its own in a language is read under the source slug,
and a language prefix swapped onto the English path finds the page too (redirecting to
the translated slug where there is one).
"""

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

from courses.learning import lessons
from courses.learning.models import LearnerProfile

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def swap_prefix(url, language):
    """``/en/finland/housing/`` read as ``/<language>/finland/housing/``."""
    return f"/{language}/{url.split('/', 2)[2]}"


def answer(client, url):
    """The status after following redirects, and where they ended."""
    response = client.get(url, follow=True)
    return response.status_code, response.request["PATH_INFO"]


@pytest.mark.django_db
def test_every_live_page_answers_in_every_language_under_its_url_and_the_english_path(demo):
    client = Client()
    pages = [page for page in Page.objects.live().public().specific() if page.depth > 2]
    assert len(pages) > 20
    failures = []
    for page in pages:
        with translation.override("en"):
            english = page.get_url()
        for language in LANGUAGES:
            with translation.override(language):
                url = page.get_url()
            for asked in {url, swap_prefix(english, language)}:
                status, final = answer(client, asked)
                if status != 200 or final != url:
                    failures.append((asked, status, final))
    assert failures == []


@pytest.mark.django_db
def test_every_course_lesson_and_quiz_answers_in_every_language_for_an_enrolled_learner(demo):
    learner = get_user_model().objects.create_user("every-language", "el@example.org", "pw")
    LearnerProfile.objects.create(user=learner, full_name="Learner", profession="health")
    client = Client()
    client.force_login(learner)
    courses = list(lessons.online_courses())
    assert courses
    for course in courses:
        enrolment = lessons.enrol(learner, course)
        for lesson in course.modules:
            lessons.complete_lesson(enrolment, lesson, {})
    failures = []
    for course in courses:
        for language in LANGUAGES:
            with translation.override(language):
                urls = [reverse("learning:course", args=[course.slug])]
                urls += [
                    reverse("learning:lesson", args=[course.slug, lesson.slug])
                    for lesson in course.modules
                ]
                urls.append(reverse("learning:quiz", args=[course.slug]))
                urls += [reverse("learning:catalogue"), reverse("learning:dashboard")]
            with translation.override("en"):
                english = [reverse("learning:course", args=[course.slug_en])]
                english += [
                    reverse("learning:lesson", args=[course.slug_en, lesson.slug_en])
                    for lesson in course.modules
                ]
            for url in urls:
                status, final = answer(client, url)
                if status != 200 or final != url:
                    failures.append((url, status, final))
            for url, canonical in zip(english, urls, strict=False):
                status, final = answer(client, swap_prefix(url, language))
                if status != 200 or final != canonical:
                    failures.append((swap_prefix(url, language), status, final))
    assert failures == []
