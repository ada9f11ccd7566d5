"""The final quiz comes from the course's own question bank: lesson self-checks reveal none of
its answers; each attempt draws its questions and option orders, stable until submitted,
and is graded against that draw."""

import re

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from courses.learning import lessons, quiz
from courses.learning.models import CourseSettings, QuizAttempt, QuizDraw, QuizQuestion
from tests.learning.conftest import add_bank
from tests.learning.factories import LearnerFactory
from tests.learning.quizzing import quiz_form

QUESTION_NAME = re.compile(r'name="answer-(q\d+)" value="(\d+)"')


def ready_for_quiz(client, course):
    learner = LearnerFactory(username="anna")
    client.force_login(learner)
    client.post(reverse("learning:course", args=[course.slug]))
    enrolment = learner.course_enrolments.get()
    for lesson in course.modules:
        # Every self-check submitted, with their right/wrong feedback and explanations.
        questions = lessons.lesson_questions(lesson)
        data = {f"answer-{q.key}": str(q.correct) for q in questions}
        url = reverse("learning:lesson", args=[course.slug, lesson.slug])
        assert "Lesson complete" in client.post(url, data).content.decode()
    return enrolment


def shown(html):
    """The questions' keys and the option texts, in the order the page shows them."""
    return shown_keys(html), re.findall(r"> (Option \w+)</label>", html)


def shown_keys(html):
    return list(dict.fromkeys(key for key, _value in QUESTION_NAME.findall(html)))


@pytest.mark.django_db
def test_submitting_every_self_check_reveals_no_quiz_answer(client, course):
    enrolment = ready_for_quiz(client, course)
    feedback = []
    for lesson in course.modules:
        url = reverse("learning:lesson", args=[course.slug, lesson.slug])
        data = {f"answer-{q.key}": "1" for q in lessons.lesson_questions(lesson)}
        feedback.append(client.post(url, data).content.decode())
    self_check_texts = {q.text for m in course.modules for q in lessons.lesson_questions(m)}
    html = client.get(reverse("learning:quiz", args=[course.slug])).content.decode()
    shown = quiz.drawn_questions(quiz.open_draw(enrolment).questions)
    assert shown and len(shown_keys(html)) == len(shown)
    for question in shown:
        assert question.text not in self_check_texts
        assert question.text in html
        for page in feedback:
            assert question.text not in page and question.explanation not in page
    # Answers harvested from the self-checks do not even fit the quiz's form.
    self_check_keys = {q.key for m in course.modules for q in lessons.lesson_questions(m)}
    assert not self_check_keys & set(shown_keys(html))


@pytest.mark.django_db
def test_draws_vary_between_attempts_and_stay_stable_within_one(client, course):
    add_bank(course, 12)  # 15 questions in the bank
    CourseSettings.objects.filter(course=course).update(
        quiz_questions_per_attempt=10, max_quiz_attempts=None
    )
    enrolment = ready_for_quiz(client, course)
    url = reverse("learning:quiz", args=[course.slug])
    first = client.get(url).content.decode()
    assert len(shown_keys(first)) == 10
    assert shown(client.get(url).content.decode()) == shown(first)  # a reload: the same quiz
    assert QuizDraw.objects.filter(enrolment=enrolment).count() == 1  # reloads: the same draw

    draws = set()
    for _n in range(6):
        client.get(url)
        draw = enrolment.quiz_draws.get()
        draws.add(tuple((pk, tuple(order)) for pk, order in draw.questions))
        client.post(url, quiz_form(enrolment, right=False))
    assert len(draws) > 1  # questions, their order or option orders differ between attempts
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 6
    assert all(len(a.draw) == 10 for a in QuizAttempt.objects.all())


@pytest.mark.django_db
def test_options_are_shown_and_graded_in_the_attempts_order(client, course):
    enrolment = ready_for_quiz(client, course)
    url = reverse("learning:quiz", args=[course.slug])
    client.get(url)
    draw = enrolment.quiz_draws.get()
    # Make the draw's option orders explicit, as a shuffle could have left them.
    draw.questions = [[pk, [3, 2, 1]] for pk, _order in draw.questions]
    draw.save()
    html = client.get(url).content.decode()
    n = QuizQuestion.objects.get(pk=draw.questions[0][0]).text_en.split(":")[0].split()[-1]
    assert html.index(f"Option C{n}") < html.index(f"Option B{n}") < html.index(f"Option A{n}")
    # The right option (the second line) is shown second; the first position is option C.
    data = {"token": draw.token, "language": "en"}
    data |= {f"answer-q{pk}": "2" for pk, _order in draw.questions}
    response = client.post(url, data)
    assert "You passed with 100%" in response.content.decode()
    attempt = QuizAttempt.objects.get()
    assert attempt.draw == draw.questions
    assert not QuizDraw.objects.exists()  # the draw moved onto the attempt


@pytest.mark.django_db
def test_scoring_uses_the_attempts_draw_not_the_current_bank(client, course):
    enrolment = ready_for_quiz(client, course)
    url = reverse("learning:quiz", args=[course.slug])
    client.get(url)
    form = quiz_form(enrolment)
    # The bank grows after the quiz was drawn: the attempt is still graded on its draw.
    add_bank(course, 5)
    response = client.post(url, form)
    assert "You passed with 100%" in response.content.decode()
    attempt = QuizAttempt.objects.get()
    assert {pk for pk, _order in attempt.draw} == {
        int(key.removeprefix("answer-q")) for key in form if key.startswith("answer-")
    }


@pytest.mark.django_db
def test_a_forged_or_spent_token_grades_nothing(client, course):
    enrolment = ready_for_quiz(client, course)
    url = reverse("learning:quiz", args=[course.slug])
    client.get(url)
    forged = quiz_form(enrolment) | {"token": quiz.new_quiz_token()}
    response = client.post(url, forged, follow=True)
    assert "This quiz form has expired" in response.content.decode()
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_an_empty_bank_offers_no_quiz_form(client, course):
    QuizQuestion.objects.filter(course=course).delete()
    ready_for_quiz(client, course)
    html = client.get(reverse("learning:quiz", args=[course.slug])).content.decode()
    assert "no questions yet" in html and "Submit answers" not in html


@pytest.mark.django_db
def test_course_manager_authors_a_question_in_two_languages(client, course, django_user_model):
    manager = django_user_model.objects.create_user(username="cm", password="x")
    manager.groups.add(Group.objects.get(name="Course managers"))
    client.force_login(manager)
    url = reverse("quizquestion:add")
    data = {
        "course": course.pk,
        "text_en": "Which sign shows control?",
        "options_en": "Own phone\nPassport kept by someone else",
        "correct_option": "2",
        "explanation_en": "Documents taken away are a sign of control.",
        "text_fi": "Mikä merkki kertoo kontrollista?",
        "options_fi": "Oma puhelin\nJoku muu pitää passia\nKolmas",
        "explanation_fi": "Pois otetut asiakirjat ovat kontrollin merkki.",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the Finnish version has one option too many
    assert "Finnish has 3 options; the question has 2." in response.content.decode()
    response = client.post(url, data | {"options_fi": "Oma puhelin\nJoku muu pitää passia"})
    assert response.status_code == 302
    question = QuizQuestion.objects.get(text_en="Which sign shows control?")
    assert question.options_fi.splitlines()[1] == "Joku muu pitää passia"
    response = client.post(url, data | {"options_fi": "", "correct_option": "3"})
    assert "There is no option with this number." in response.content.decode()
