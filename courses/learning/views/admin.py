"""Admin for course managers: course settings, certificates (revoke) and the
online-course report."""

import datetime

import django_filters

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from courses.curricula.models import CurriculumPage
from courses.learning.forms import CertificateForm, CourseSettingsForm
from courses.learning.models import (
    Certificate,
    CourseEnrolment,
    CourseSettings,
    LearnerProfile,
    QuizQuestion,
)
from pdo_site import roles
from pdo_site.reports import DecoratedRowsMixin


class CourseSettingsViewSet(ModelViewSet):
    model = CourseSettings
    icon = "cog"
    menu_label = _("Course settings")
    url_prefix = "learning/course-settings"
    list_display = [
        "course",
        "pass_mark_percent",
        "max_quiz_attempts",
        "quiz_questions_per_attempt",
        "certificate_valid_months",
    ]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return CourseSettingsForm


class QuizQuestionViewSet(ModelViewSet):
    """The courses' question banks: the final quiz draws from these, never from the
    lessons' self-checks."""

    model = QuizQuestion
    icon = "help"
    menu_label = _("Quiz questions")
    url_prefix = "learning/quiz-questions"
    list_display = ["text", "course", "correct_option"]
    list_filter = ["course"]
    search_fields = ["text"]
    copy_view_enabled = True


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "tick-inverse"
    menu_label = _("Certificates")
    url_prefix = "learning/certificates"
    list_display = [
        "holder_name",
        "course_title",
        "issued_on",
        "valid_until",
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    list_filter = ["issued_on"]
    search_fields = ["holder_name", "course_title", "code"]
    list_export = [
        "holder_name",
        "course_title",
        "issued_on",
        "valid_until",
        "code",
        "revoked_at",
        "revoked_reason",
    ]
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return CertificateForm


class OnlineCourseFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=_("Course"),
        queryset=lambda request: CurriculumPage.objects.filter(
            online_course=True, alias_of__isnull=True
        ),
        empty_label=_("All courses"),
    )
    profession = django_filters.ChoiceFilter(
        label=_("Profession"),
        field_name="learner__learner_profile__profession",
        choices=LearnerProfile.Profession.choices,
        empty_label=_("All professions"),
    )
    enrolled_at = django_filters.DateFromToRangeFilter(
        label=_("Enrolled"), widget=DateRangePickerWidget
    )

    class Meta:
        model = CourseEnrolment
        fields = ["course", "profession"]


PROFESSIONS = dict(LearnerProfile.Profession.choices)


class OnlineCoursesReportView(DecoratedRowsMixin, ReportView):
    page_title = _("Online courses")
    header_icon = "tick-inverse"
    filterset_class = OnlineCourseFilterSet
    index_url_name = "learning_reports:online_courses"
    index_results_url_name = "learning_reports:online_courses_results"
    export_headings = {
        "course": _("Course"),
        "profession": _("Profession"),
        "month": _("Month"),
        "enrolments": _("Enrolments"),
        "completions": _("Completions"),
        "pass_rate": _("Pass rate (%)"),
        "average_score": _("Average score (%)"),
    }
    list_export = list(export_headings)
    columns = [Column(name, label=label) for name, label in export_headings.items()]

    def dispatch(self, request, *args, **kwargs):
        if not roles.may_view_online_course_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return CourseEnrolment.objects.all()

    def get_filtered_queryset(self):
        enrolments = super().get_filtered_queryset()
        return (
            enrolments.annotate(month_start=TruncMonth("enrolled_at"))
            .values("course__title", "learner__learner_profile__profession", "month_start")
            .annotate(
                enrolment_count=Count("pk", distinct=True),
                completion_count=Count("pk", filter=Q(completed_at__isnull=False), distinct=True),
                attempts=Count("quiz_attempts", distinct=True),
                passed_attempts=Count(
                    "quiz_attempts", filter=Q(quiz_attempts__passed=True), distinct=True
                ),
                average=Avg("quiz_attempts__score_percent"),
            )
            .order_by("-month_start", "course__title", "learner__learner_profile__profession")
        )

    def decorate_rows(self, rows):
        return [report_row(row) for row in rows]


def report_row(row):
    month = row["month_start"]
    return {
        "course": row["course__title"],
        "profession": str(PROFESSIONS.get(row["learner__learner_profile__profession"], "–")),
        "month": month.strftime("%Y-%m") if isinstance(month, datetime.date) else "",
        "enrolments": row["enrolment_count"],
        "completions": row["completion_count"],
        "pass_rate": round(100 * row["passed_attempts"] / row["attempts"], 1)
        if row["attempts"]
        else None,
        "average_score": round(row["average"], 1) if row["average"] is not None else None,
    }


class OnlineCoursesViewSetGroup(ModelViewSetGroup):
    menu_label = _("Online courses")
    menu_icon = "tick-inverse"
    menu_order = 260
    items = (CertificateViewSet, CourseSettingsViewSet, QuizQuestionViewSet)
