"""The attempt limit holds when a learner's quiz is submitted many times at once, even with
eight valid quiz forms (eight draws) in hand."""

import threading

import pytest

from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from courses.learning import lessons, quiz
from courses.learning.models import CourseSettings, QuizAttempt, QuizQuestion
from tests.curricula.factories import CurriculumPageFactory, ModulePageFactory
from tests.learning.factories import LearnerFactory

SUBMISSIONS = 8
LIMIT = 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_submissions_with_a_limit_of_two_record_two(site_tree, curricula):
    course = CurriculumPageFactory(
        parent=curricula[0], title="Recognising trafficking", online_course=True
    )
    CourseSettings.objects.create(course=course, pass_mark_percent=70, max_quiz_attempts=LIMIT)
    ModulePageFactory(parent=course, title="What is trafficking", duration_minutes=45)
    QuizQuestion.objects.create(
        course=course, text_en="Which?", options_en="A\nB", correct_option=1, explanation_en="A."
    )
    learner = LearnerFactory(username="anna")
    enrolment = lessons.enrol(learner, course)
    for lesson in course.modules:
        lessons.complete_lesson(enrolment, lesson, {})
    url = reverse("learning:quiz", args=[course.slug])
    barrier, statuses = threading.Barrier(SUBMISSIONS), []
    tokens = [quiz.start_draw(enrolment).token for _n in range(SUBMISSIONS)]

    def submit(token):
        client = Client()
        client.force_login(learner)
        try:
            barrier.wait()
            data = {"token": token, "language": "en"}
            statuses.append(client.post(url, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=[token]) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == SUBMISSIONS and all(status in (200, 302) for status in statuses)
    assert statuses.count(200) == LIMIT  # graded; the others are sent back to the course
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == LIMIT
