"""The learner's "my data" download holds everything kept about them, answers included."""

import json

import pytest

from django.urls import reverse

from courses.learning.models import CourseEnrolment, CourseSettings
from tests.curricula.factories import CurriculumPageFactory, ModulePageFactory
from tests.learning.conftest import add_bank, self_check
from tests.learning.factories import LearnerFactory
from tests.learning.quizzing import quiz_form


@pytest.mark.django_db
def test_my_data_holds_the_lesson_and_quiz_answers_the_learner_gave(client, curricula):
    course = CurriculumPageFactory(parent=curricula[0], title="Trafficking", online_course=True)
    CourseSettings.objects.create(course=course, pass_mark_percent=70, max_quiz_attempts=3)
    lesson = ModulePageFactory(
        parent=course,
        title="What is trafficking",
        body=[self_check("Which element is not needed for children?", ["Act", "Means"], 2, "")],
    )
    (question,) = add_bank(course, 1)
    anna = LearnerFactory(username="anna")
    client.force_login(anna)
    assert client.post(reverse("learning:course", args=[course.slug])).status_code == 302
    key = f"{lesson.pk}-1"
    lesson_url = reverse("learning:lesson", args=[course.slug, lesson.slug])
    assert client.post(lesson_url, {f"answer-{key}": "1"}).status_code == 200
    quiz_url = reverse("learning:quiz", args=[course.slug])
    assert client.get(quiz_url).status_code == 200
    data = quiz_form(CourseEnrolment.objects.get(learner=anna))
    assert client.post(quiz_url, data).status_code == 200
    quiz_key = f"q{question.pk}"

    mine = json.loads(client.get(reverse("learning:my_data")).content)
    (enrolment,) = mine["enrolments"]
    assert enrolment["lessons_completed"][0]["answers"] == {key: "1"}
    assert enrolment["quiz_attempts"][0]["answers"] == {quiz_key: data[f"answer-{quiz_key}"]}
    assert enrolment["quiz_attempts"][0]["language"] == "en"
    assert mine["account"]["username"] == "anna"
    assert mine["certificates"][0]["status"] == "valid"
