"""Taking an online course: lessons in order, self-checks, the quiz and the certificate.

Correct answers stay on the server: questions go to the browser without them, and
answers are graded here, in the language the learner saw the questions in.
"""

import calendar
import datetime
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from courses.models import (
    Certificate,
    CourseEnrolment,
    CurriculumPage,
    LessonProgress,
    QuizAttempt,
)


def online_courses():
    return (
        CurriculumPage.objects.live()
        .public()
        .filter(online_course=True, alias_of__isnull=True)
        .order_by("path")
    )


@dataclass
class Question:
    key: str  # "<lesson id>-<n>": the same in every language version
    lesson_id: int
    text: str
    options: list
    correct: int  # 1-based
    explanation: str


def lesson_questions(lesson):
    """The lesson's self-check questions in the active language (English where untranslated)."""
    questions = []
    for block in lesson.body:
        if block.block_type != "self_check":
            continue
        value = block.value
        questions.append(
            Question(
                key=f"{lesson.pk}-{len(questions) + 1}",
                lesson_id=lesson.pk,
                text=value["question"],
                options=list(value["options"]),
                correct=value["correct_option"],
                explanation=value["explanation"],
            )
        )
    return questions


def course_questions(course):
    return [q for lesson in course.modules for q in lesson_questions(lesson)]


def grade(questions, answers):
    """[(question, chosen option or None, correct?)] for submitted ``{key: "n"}`` answers."""
    results = []
    for question in questions:
        raw = answers.get(question.key, "")
        chosen = int(raw) if str(raw).isdigit() else None
        results.append((question, chosen, chosen == question.correct))
    return results


def enrol(user, course):
    enrolment, _created = CourseEnrolment.objects.get_or_create(learner=user, course=course)
    return enrolment


def completed_lesson_ids(enrolment):
    return set(enrolment.lessons.values_list("lesson_id", flat=True))


def next_lesson(enrolment):
    done = completed_lesson_ids(enrolment)
    return next((lesson for lesson in enrolment.course.modules if lesson.pk not in done), None)


def may_open(enrolment, lesson):
    """Lessons are taken in order: a lesson opens when the ones before it are complete."""
    done = completed_lesson_ids(enrolment)
    for module in enrolment.course.modules:
        if module.pk == lesson.pk:
            return True
        if module.pk not in done:
            return False
    return False


def complete_lesson(enrolment, lesson, answers):
    """Record that the learner reached the end and answered the lesson's self-checks."""
    progress, created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"answers": answers}
    )
    if not created:
        progress.answers = answers
        progress.save(update_fields=["answers"])
    return progress


def progress_percent(enrolment, lessons=None):
    lessons = lessons if lessons is not None else enrolment.course.modules
    if not lessons:
        return 0
    done = completed_lesson_ids(enrolment)
    return round(100 * sum(1 for lesson in lessons if lesson.pk in done) / len(lessons))


def attempts_left(enrolment):
    limit = enrolment.course.max_quiz_attempts
    if not limit:
        return None
    return max(0, limit - enrolment.quiz_attempts.count())


def new_quiz_token():
    return secrets.token_urlsafe(16)


def submit_quiz(enrolment, answers, language, token):
    """Grade a quiz submission once (a resubmitted form returns the first attempt)."""
    existing = QuizAttempt.objects.filter(enrolment=enrolment, token=token).first()
    if existing is not None:
        return existing
    with translation.override(language):
        questions = course_questions(enrolment.course)
    results = grade(questions, answers)
    correct = sum(1 for _q, _chosen, ok in results if ok)
    score = round(100 * correct / len(questions)) if questions else 0
    passed = score >= enrolment.course.pass_mark_percent
    try:
        with transaction.atomic():
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


def add_months(date, months):
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def issue_certificate(enrolment):
    course = enrolment.course
    profile = getattr(enrolment.learner, "learner_profile", None)
    issued = timezone.localdate()
    certificate, _created = Certificate.objects.get_or_create(
        learner=enrolment.learner,
        course=course,
        defaults={
            "holder_name": profile.full_name if profile else enrolment.learner.get_username(),
            "course_title": course.title,
            "hours": round(course.total_duration_minutes / 60, 1),
            "issued_on": issued,
            "valid_until": add_months(issued, course.certificate_valid_months)
            if course.certificate_valid_months
            else None,
        },
    )
    return certificate
