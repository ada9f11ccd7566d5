"""Demo online-course settings: pass mark and certificate validity of the demo courses
(``courses/curricula/demo/<package>/structure.json``)."""

from courses.curricula.demo import PACKAGES, load_package
from courses.curricula.models import CurriculumPage
from courses.learning.models import CourseSettings

SETTINGS = ("pass_mark_percent", "max_quiz_attempts", "certificate_valid_months")


def load(stdout):
    for name in PACKAGES:
        structure, _texts = load_package(name)
        for spec in structure["curricula"]:
            if not spec.get("online_course"):
                continue
            course = CurriculumPage.objects.filter(slug=spec["key"], alias_of__isnull=True).first()
            if course is None or CourseSettings.objects.filter(course=course).exists():
                continue
            values = {key: spec[key] for key in SETTINGS if key in spec}
            CourseSettings.objects.create(course=course, **values)
            stdout.write(f"Course settings created: {course.title}")
