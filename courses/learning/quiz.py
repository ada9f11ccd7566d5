"""The course quiz: questions drawn from the course's question bank (not the lessons'
self-checks), in an order drawn per attempt; graded on the server against that draw, once
per submitted form, within the attempts the course allows. Passing completes the course
and issues the certificate."""

import re
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.learning.certificates import issue_certificate
from courses.learning.lessons import Question, grade
from courses.learning.models import (
    CourseSettings,
    QuizAttempt,
    QuizDraw,
    QuizQuestion,
    option_lines,
)
from pdo_site.translated_fields import SOURCE_LANGUAGE

TOKEN = re.compile(r"[A-Za-z0-9_-]{16,40}")
# Shuffles use the operating system's randomness: the draw is not predictable.
RANDOM = secrets.SystemRandom()


class NoAttemptsLeft(Exception):
    """The course's attempt limit is reached: nothing was graded or recorded."""


class UnknownDraw(Exception):
    """The submitted token names no quiz drawn for this learner (expired or made up)."""


def new_quiz_token():
    return secrets.token_urlsafe(16)


def valid_token(token):
    return isinstance(token, str) and TOKEN.fullmatch(token) is not None


def attempts_left(enrolment):
    limit = CourseSettings.for_course(enrolment.course).max_quiz_attempts
    if not limit:
        return None
    return max(0, limit - enrolment.quiz_attempts.count())


def bank(course):
    return QuizQuestion.objects.filter(course=course)


def start_draw(enrolment):
    """A new draw: the course's questions-per-attempt from its bank, questions and options
    each in a random order."""
    questions = list(bank(enrolment.course))
    per_attempt = CourseSettings.for_course(enrolment.course).quiz_questions_per_attempt
    if per_attempt and per_attempt < len(questions):
        questions = RANDOM.sample(questions, per_attempt)
    else:
        RANDOM.shuffle(questions)
    chosen = []
    for question in questions:
        order = list(range(1, len(option_lines(question.options)) + 1))
        RANDOM.shuffle(order)
        chosen.append([question.pk, order])
    return QuizDraw.objects.create(enrolment=enrolment, token=new_quiz_token(), questions=chosen)


def open_draw(enrolment):
    """The learner's quiz not yet submitted (the same one on every reload), else a new one."""
    return enrolment.quiz_draws.first() or start_draw(enrolment)


def drawn_questions(draw):
    """The draw's questions in the active language, in the drawn order, options in the
    drawn order (``correct`` is the position shown). Questions since removed from the bank
    are left out."""
    found = QuizQuestion.objects.in_bulk([pk for pk, _order in draw])
    questions = []
    for pk, order in draw:
        question = found.get(pk)
        if question is None:
            continue
        options = option_lines(question.options)
        if len(options) != len(order):
            # A translation with a different number of options: fall back to the
            # option texts of the source language, whose count the draw was made with.
            options = option_lines(getattr(question, f"options_{SOURCE_LANGUAGE}"))
        if len(options) != len(order):
            continue
        questions.append(
            Question(
                key=f"q{pk}",
                lesson_id=None,
                text=question.text,
                options=[options[n - 1] for n in order],
                correct=order.index(question.correct_option) + 1
                if question.correct_option in order
                else None,
                explanation=question.explanation,
            )
        )
    return questions


def attempt_results(attempt):
    """[(question, chosen, correct?)] of a submitted attempt, in the active language."""
    return grade(drawn_questions(attempt.draw), attempt.answers.get("answers", {}))


def submit_quiz(enrolment, submitted, language, token):
    """Grade the draw named by ``token`` against the answers ``submitted`` (a mapping of
    ``answer-<key>`` to the option number shown), once: a resubmitted form returns the
    first attempt.

    The attempt limit holds under concurrent submissions: the enrolment row is locked
    while the attempts are counted and the new one is written.
    """
    if not valid_token(token):
        raise ValueError("malformed quiz token")
    existing = QuizAttempt.objects.filter(enrolment=enrolment, token=token).first()
    if existing is not None:
        return existing
    draw = QuizDraw.objects.filter(enrolment=enrolment, token=token).first()
    if draw is None:
        raise UnknownDraw
    questions = drawn_questions(draw.questions)
    answers = {q.key: str(submitted.get(f"answer-{q.key}", "")) for q in questions}
    correct = sum(1 for _q, _chosen, ok in grade(questions, answers) if ok)
    score = round(100 * correct / len(questions)) if questions else 0
    course_settings = CourseSettings.for_course(enrolment.course)
    passed = bool(questions) and score >= course_settings.pass_mark_percent
    limit = course_settings.max_quiz_attempts
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
                draw=draw.questions,
            )
            QuizDraw.objects.filter(pk=draw.pk).delete()
    except IntegrityError:
        return QuizAttempt.objects.get(enrolment=enrolment, token=token)
    if passed and not enrolment.completed_at:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])
        issue_certificate(enrolment)
    return attempt
