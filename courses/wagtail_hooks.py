from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.models import DestinationFacts, GlossaryTerm
from courses.views.translation_report import TranslationCoverageView

page_permission_policy = PagePermissionPolicy()


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "openquote"
    list_display = ["term", "key"]
    search_fields = ["term", "definition", "key"]


class DestinationFactsViewSet(SnippetViewSet):
    model = DestinationFacts
    icon = "site"
    list_display = ["destination", "emergency_number", "currency"]


class ReferenceViewSetGroup(SnippetViewSetGroup):
    items = (GlossaryTermViewSet, DestinationFactsViewSet)
    menu_icon = "openquote"
    menu_label = _("Reference")
    menu_name = "reference"


register_snippet(ReferenceViewSetGroup)


def report_urls(slug, view_class, name):
    return [
        path(f"{slug}/", view_class.as_view(), name=name),
        path(f"{slug}/results/", view_class.as_view(results_only=True), name=f"{name}_results"),
    ]


@hooks.register("register_admin_urls")
def register_report_urls():
    from courses.views.learning_admin import OnlineCoursesReportView
    from courses.views.training_reports import ParticipantsTrainedView, SessionsDeliveredView

    return [
        path(
            "reports/courses/",
            include(
                (
                    report_urls(
                        "translation-coverage", TranslationCoverageView, "translation_coverage"
                    )
                    + report_urls(
                        "participants-trained", ParticipantsTrainedView, "participants_trained"
                    )
                    + report_urls("sessions", SessionsDeliveredView, "sessions_delivered")
                    + report_urls("online-courses", OnlineCoursesReportView, "online_courses"),
                    "courses_reports",
                ),
                namespace="courses_reports",
            ),
        )
    ]


class TranslationCoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_translation_coverage_menu_item():
    return TranslationCoverageMenuItem(
        _("Translation coverage"),
        reverse("courses_reports:translation_coverage"),
        name="translation-coverage",
        icon_name="globe",
        order=150,
    )


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    from courses.views.sessions import TrainingViewSetGroup

    return TrainingViewSetGroup()


@hooks.register("register_admin_urls")
def register_training_urls():
    from courses.views.attendance import AttendanceSheetPdfView, AttendanceSheetView
    from courses.views.imports import ImportParticipantsView

    return [
        path(
            "training/",
            include(
                (
                    [
                        path(
                            "sessions/<int:pk>/attendance/",
                            AttendanceSheetView.as_view(),
                            name="attendance",
                        ),
                        path(
                            "sessions/<int:pk>/attendance.pdf",
                            AttendanceSheetPdfView.as_view(),
                            name="attendance_pdf",
                        ),
                        path(
                            "sessions/<int:pk>/import/",
                            ImportParticipantsView.as_view(),
                            name="import_participants",
                        ),
                    ],
                    "courses_training",
                ),
                namespace="courses_training",
            ),
        )
    ]


class TrainingReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.view_trainingsession")


@hooks.register("register_reports_menu_item")
def register_participants_trained_menu_item():
    return TrainingReportMenuItem(
        _("Participants trained"),
        reverse("courses_reports:participants_trained"),
        name="participants-trained",
        icon_name="group",
        order=160,
    )


@hooks.register("register_reports_menu_item")
def register_sessions_delivered_menu_item():
    return TrainingReportMenuItem(
        _("Sessions and results"),
        reverse("courses_reports:sessions_delivered"),
        name="sessions-delivered",
        icon_name="date",
        order=170,
    )


class OnlineCoursesReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("courses.view_courseenrolment")


@hooks.register("register_reports_menu_item")
def register_online_courses_menu_item():
    return OnlineCoursesReportMenuItem(
        _("Online courses"),
        reverse("courses_reports:online_courses"),
        name="online-courses",
        icon_name="tick-inverse",
        order=180,
    )


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    from courses.views.learning_admin import CertificateViewSet

    return CertificateViewSet()
