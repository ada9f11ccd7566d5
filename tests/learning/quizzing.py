"""Answering the quiz a learner was given, as a test oracle reading the server's draw."""

from django.utils import translation

from courses.learning import quiz
from courses.learning.models import CourseEnrolment


def quiz_form(enrolment, right=True, language="en"):
    """The POST data of the learner's open quiz, every answer right (or every one wrong)."""
    draw = quiz.open_draw(enrolment)
    data = {"token": draw.token, "language": language}
    for question in quiz.drawn_questions(draw.questions):
        answer = question.correct if right else question.correct % len(question.options) + 1
        data[f"answer-{question.key}"] = str(answer)
    return data


def shown_questions(course, email, language="en"):
    """The questions of the quiz the learner with ``email`` has open, as the page shows them
    (for browser tests, which read the draw the server made)."""
    enrolment = CourseEnrolment.objects.get(course=course, learner__email=email)
    with translation.override(language):
        return quiz.drawn_questions(enrolment.quiz_draws.get().questions)
