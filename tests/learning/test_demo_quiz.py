"""The demo counter-trafficking course gets a question bank of its own, in English, Finnish and
Swedish, distinct from its lessons' self-checks; loading twice adds nothing."""

import io

import pytest

from django.core.management import call_command

from courses.curricula import demo as curricula_demo
from courses.curricula.models import CurriculumPage
from courses.learning import demo, lessons
from courses.learning.models import CourseSettings, QuizQuestion, option_lines
from pdo_site import demo as site_demo


@pytest.mark.django_db
def test_demo_course_has_a_translated_bank_apart_from_its_self_checks(site_tree):
    out = io.StringIO()
    for loader in (site_demo.load, curricula_demo.load, demo.load, demo.load):
        loader(out)
    call_command("set_translation_url_paths", verbosity=0)
    course = CurriculumPage.objects.get(online_course=True, alias_of__isnull=True)
    bank = list(QuizQuestion.objects.filter(course=course))
    assert len(bank) == 15  # loaded once, although the loader ran twice
    assert CourseSettings.for_course(course).quiz_questions_per_attempt == 10

    self_checks = [q for lesson in course.modules for q in lessons.lesson_questions(lesson)]
    assert len(self_checks) == 11
    practice = {q.text for q in self_checks} | {q.explanation for q in self_checks}
    for question in bank:
        assert question.text_en not in practice and question.explanation_en not in practice
        count = len(option_lines(question.options_en))
        assert 1 <= question.correct_option <= count
        for code in ("fi", "sv"):
            assert getattr(question, f"text_{code}") and getattr(question, f"explanation_{code}")
            assert len(option_lines(getattr(question, f"options_{code}"))) == count
