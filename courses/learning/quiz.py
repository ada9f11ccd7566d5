"""The course quiz: graded on the server, once per submitted form, within the attempts
the course allows; passing completes the course and issues the certificate."""

import re
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from courses.learning.certificates import issue_certificate
from courses.learning.lessons import grade, lesson_questions
from courses.learning.models import CourseSettings, QuizAttempt


def course_questions(course):
    return [q for lesson in course.modules for q in lesson_questions(lesson)]


def attempts_left(enrolment):
    limit = CourseSettings.for_course(enrolment.course).max_quiz_attempts
    if not limit:
        return None
    return max(0, limit - enrolment.quiz_attempts.count())


TOKEN = re.compile(r"[A-Za-z0-9_-]{16,40}")


class NoAttemptsLeft(Exception):
    """The course's attempt limit is reached: nothing was graded or recorded."""


def new_quiz_token():
    return secrets.token_urlsafe(16)


def valid_token(token):
    return isinstance(token, str) and TOKEN.fullmatch(token) is not None


def submit_quiz(enrolment, answers, language, token):
    """Grade a quiz submission once (a resubmitted form returns the first attempt).

    The attempt limit holds under concurrent submissions: the enrolment row is locked
    while the attempts are counted and the new one is written.
    """
    if not valid_token(token):
        raise ValueError("malformed quiz token")
    existing = QuizAttempt.objects.filter(enrolment=enrolment, token=token).first()
    if existing is not None:
        return existing
    with translation.override(language):
        questions = course_questions(enrolment.course)
    results = grade(questions, answers)
    correct = sum(1 for _q, _chosen, ok in results if ok)
    score = round(100 * correct / len(questions)) if questions else 0
    passed = score >= CourseSettings.for_course(enrolment.course).pass_mark_percent
    limit = CourseSettings.for_course(enrolment.course).max_quiz_attempts
    try:
        with transaction.atomic():
            type(enrolment).objects.select_for_update().filter(pk=enrolment.pk).first()
            if existing := QuizAttempt.objects.filter(enrolment=enrolment, token=token).first():
                return existing
            if limit and enrolment.quiz_attempts.count() >= limit:
                raise NoAttemptsLeft
            attempt = QuizAttempt.objects.create(
                enrolment=enrolment,
                token=token,
                score_percent=score,
                passed=passed,
                answers={"language": language, "answers": answers},
            )
    except IntegrityError:
        return QuizAttempt.objects.get(enrolment=enrolment, token=token)
    if passed and not enrolment.completed_at:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        issue_certificate(enrolment)
    return attempt
