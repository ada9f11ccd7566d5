from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.training import models
from courses.training.views.access_log import DataAccessReportView
from courses.training.views.attendance import AttendanceSheetPdfView, AttendanceSheetView
from courses.training.views.figures import QuarterlyFiguresView, report_pack_download
from courses.training.views.imports import ImportParticipantsView
from courses.training.views.reports import ParticipantsTrainedView, SessionsDeliveredView
from courses.training.views.sessions import TrainingViewSetGroup
from courses.training.views.subject_access import SubjectAccessView
from pdo_site import roles
from pdo_site.reports import report_urls


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()


@hooks.register("register_admin_urls")
def register_training_urls():
    session_urls = [
        path("sessions/<int:pk>/attendance/", AttendanceSheetView.as_view(), name="attendance"),
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
        path(
            "participants/subject-access/",
            SubjectAccessView.as_view(),
            name="subject_access",
        ),
        path("figures/", QuarterlyFiguresView.as_view(), name="quarterly_figures"),
        path(
            "figures/<str:code>/<str:destination>.<str:extension>",
            report_pack_download,
            name="report_pack",
        ),
    ]
    report_patterns = report_urls(
        "participants-trained", ParticipantsTrainedView, "participants_trained"
    ) + report_urls("sessions", SessionsDeliveredView, "sessions_delivered")
    report_patterns += report_urls("participant-data-access", DataAccessReportView, "data_access")
    return [
        path("training/", include((session_urls, "training"), namespace="training")),
        path(
            "reports/courses/",
            include((report_patterns, "training_reports"), namespace="training_reports"),
        ),
    ]


class TrainingReportMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.may_view_training_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_participants_trained_menu_item():
    return TrainingReportMenuItem(
        _("Participants trained"),
        reverse("training_reports:participants_trained"),
        name="participants-trained",
        icon_name="group",
        order=160,
    )


@hooks.register("register_reports_menu_item")
def register_sessions_delivered_menu_item():
    return TrainingReportMenuItem(
        _("Sessions and results"),
        reverse("training_reports:sessions_delivered"),
        name="sessions-delivered",
        icon_name="date",
        order=170,
    )


class QuarterlyFiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.may_publish_figures(request.user)


@hooks.register("register_reports_menu_item")
def register_quarterly_figures_menu_item():
    return QuarterlyFiguresMenuItem(
        _("Quarterly figures"),
        reverse("training:quarterly_figures"),
        name="quarterly-figures",
        icon_name="table",
        order=175,
    )


class DataAccessMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.may_view_data_access(request.user)


@hooks.register("register_reports_menu_item")
def register_data_access_menu_item():
    return DataAccessMenuItem(
        _("Participant data access"),
        reverse("training_reports:data_access"),
        name="participant-data-access",
        icon_name="view",
        order=180,
    )


@hooks.register("register_log_actions")
def keep_training_history_scoped(actions):
    """Log entries of training records go to TrainingLogEntry (see models/history.py)."""
    for model in (
        models.Location,
        models.TrainingSession,
        models.SessionDay,
        models.Participant,
        models.Enrolment,
        models.Attendance,
        models.PublishedQuarter,
    ):
        actions.register_model(model, models.TrainingLogEntry)
