"""Reports → Participant data access: the audit log (models/access.py) for programme managers."""

import django_filters

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.views.reports import ReportView

from courses.training.models import DataAccess
from pdo_site import roles


def users_in_log(request):
    ids = DataAccess.objects.order_by().values_list("user_id", flat=True).distinct()
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


class DataAccessFilterSet(WagtailFilterSet):
    timestamp = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    user = django_filters.ModelChoiceFilter(
        label=_("User"), queryset=users_in_log, empty_label=_("Any")
    )
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=DataAccess.Action.choices, empty_label=_("Any")
    )
    subject = django_filters.ChoiceFilter(
        label=_("What"), choices=DataAccess.Subject.choices, empty_label=_("Any")
    )
    session_id = django_filters.NumberFilter(label=_("Session id"))
    participant = django_filters.NumberFilter(
        label=_("Participant id"), method="filter_participant"
    )

    class Meta:
        model = DataAccess
        fields = ["timestamp", "user", "action", "subject", "session_id"]

    def filter_participant(self, queryset, name, value):
        return queryset.filter(participants__contains=f" {int(value)} ")


class DataAccessReportView(ReportView):
    page_title = _("Participant data access")
    header_icon = "view"
    model = DataAccess
    filterset_class = DataAccessFilterSet
    index_url_name = "training_reports:data_access"
    index_results_url_name = "training_reports:data_access_results"
    paginate_by = 100
    columns = [
        DateColumn("timestamp", label=_("Time")),
        UserColumn("user", label=_("User")),
        Column("action", label=_("Action"), accessor="get_action_display"),
        Column("subject", label=_("What"), accessor="get_subject_display"),
        Column("session_id", label=_("Session id")),
        Column("count", label=_("Records")),
        Column("address", label=_("Address")),
    ]
    list_export = [
        "timestamp",
        "user",
        "action",
        "subject",
        "session_id",
        "participants",
        "address",
    ]
    export_headings = {
        "timestamp": _("Time"),
        "user": _("User"),
        "action": _("Action"),
        "subject": _("What"),
        "session_id": _("Session id"),
        "participants": _("Participant ids"),
        "address": _("Address"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not roles.may_view_data_access(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return DataAccess.objects.select_related("user")
