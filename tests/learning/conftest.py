"""A small online course: two lessons, three self-check questions (practice), a bank of three
quiz questions of its own, certificates valid 2 years."""

import pytest

from django.core.cache import cache

from courses.learning.models import CourseSettings, QuizQuestion
from tests.curricula.factories import CurriculumPageFactory, ModulePageFactory


@pytest.fixture(autouse=True)
def no_rate_limits_left_over():
    """allauth counts sign-ups and confirmation mails per address in the cache (one
    confirmation mail per address every 3 minutes): start each test with none."""
    cache.clear()


def self_check(question, options, correct, explanation):
    return {
        "type": "self_check",
        "value": {
            "question": question,
            "options": options,
            "correct_option": correct,
            "explanation": explanation,
        },
    }


@pytest.fixture
def course(curricula):
    index = curricula[0]
    course = CurriculumPageFactory(
        parent=index,
        title="Recognising trafficking",
        audience="professionals",
        destination="",
        online_course=True,
    )
    CourseSettings.objects.create(
        course=course, pass_mark_percent=70, max_quiz_attempts=3, certificate_valid_months=24
    )
    ModulePageFactory(
        parent=course,
        title="What is trafficking",
        duration_minutes=45,
        body=[
            {"type": "paragraph", "value": "<p>Act, means and purpose.</p>"},
            self_check(
                "Which element is not needed for children?",
                ["The act", "The means", "The purpose"],
                2,
                "EXPLANATION-MEANS-CHILDREN",
            ),
        ],
    )
    ModulePageFactory(
        parent=course,
        title="Signs",
        duration_minutes=75,
        body=[
            self_check(
                "Who should interpret?",
                ["A family member", "A professional interpreter"],
                2,
                "EXPLANATION-INTERPRETER",
            ),
            self_check("Is 112 the emergency number?", ["Yes", "No"], 1, "EXPLANATION-112"),
        ],
    )
    add_bank(course, 3)
    return course


def add_bank(course, count):
    """``count`` quiz questions of the course's own, three options each, the second right."""
    return [
        QuizQuestion.objects.create(
            course=course,
            text_en=f"Quiz question {n}: which indicator?",
            options_en=f"Option A{n}\nOption B{n}\nOption C{n}",
            correct_option=2,
            explanation_en=f"QUIZ-EXPLANATION-{n}",
        )
        for n in range(1, count + 1)
    ]
