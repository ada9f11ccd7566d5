"""Answering the quiz a learner was given, as a test oracle reading the server's draw."""

from courses.learning import quiz


def quiz_form(enrolment, right=True, language="en"):
    """The POST data of the learner's open quiz, every answer right (or every one wrong)."""
    draw = quiz.open_draw(enrolment)
    data = {"token": draw.token, "language": language}
    for question in quiz.drawn_questions(draw.questions):
        answer = question.correct if right else question.correct % len(question.options) + 1
        data[f"answer-{question.key}"] = str(answer)
    return data
