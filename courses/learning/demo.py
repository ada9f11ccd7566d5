"""Demo online-course settings and quiz question banks of the demo courses: pass mark,
attempts, questions per attempt and certificate validity from
``courses/curricula/demo/<package>/structure.json``; the question bank from the ``quiz``
section of the package's ``<language>.json`` files."""

from courses.curricula.demo import PACKAGES, load_package
from courses.curricula.models import CurriculumPage
from courses.learning.models import CourseSettings, QuizQuestion
from pdo_site.translated_fields import SOURCE_LANGUAGE

SETTINGS = (
    "pass_mark_percent",
    "max_quiz_attempts",
    "quiz_questions_per_attempt",
    "certificate_valid_months",
)


def load_question_bank(course, key, texts, stdout):
    """The course's quiz questions in every language the demo has them in; a course that
    already has questions keeps them."""
    source = texts.get(SOURCE_LANGUAGE, {}).get("quiz", {}).get(key, [])
    if not source or QuizQuestion.objects.filter(course=course).exists():
        return
    for n, entry in enumerate(source):
        question = QuizQuestion(course=course, correct_option=entry["correct_option"] + 1)
        for code, text in texts.items():
            translated = text.get("quiz", {}).get(key, [])
            if n >= len(translated):
                continue
            setattr(question, f"text_{code}", translated[n]["question"])
            setattr(question, f"options_{code}", "\n".join(translated[n]["options"]))
            setattr(question, f"explanation_{code}", translated[n]["explanation"])
        question.save()
    stdout.write(f"Quiz questions created: {course.title} ({len(source)})")


def load(stdout):
    for name in PACKAGES:
        structure, texts = load_package(name)
        for spec in structure["curricula"]:
            if not spec.get("online_course"):
                continue
            course = CurriculumPage.objects.filter(slug=spec["key"], alias_of__isnull=True).first()
            if course is None:
                continue
            load_question_bank(course, spec["key"], texts, stdout)
            if CourseSettings.objects.filter(course=course).exists():
                continue
            values = {key: spec[key] for key in SETTINGS if key in spec}
            CourseSettings.objects.create(course=course, **values)
            stdout.write(f"Course settings created: {course.title}")
