"""Taking an online course: the catalogue, lessons in order and their self-checks.

Correct answers stay on the server: questions go to the browser without them, and
answers are graded here, in the language the learner saw the questions in.
"""

from dataclasses import dataclass

from courses.curricula.models import CurriculumPage
from courses.learning.models import CourseEnrolment, LessonProgress


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
