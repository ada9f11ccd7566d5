"""Training reports for donors and programme managers (Wagtail report views, CSV/XLSX).

Both read the summary tables (courses/training/models/summaries.py), scoped to the
locations the user may see, with a server-rendered bar chart beside the table.
"""

import datetime

import django_filters

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from courses.curricula.choices import Destination
from courses.training import figures
from courses.training.charts import grouped_bars
from courses.training.models import Location, SessionSummary, TrainedCount
from courses.training.periods import quarter_first_month, quarter_label
from courses.training.spreadsheets import spreadsheet_response
from pdo_site import roles
from pdo_site.reports import DecoratedRowsMixin

QUARTERS = [(1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")]


def year_choices():
    this_year = datetime.date.today().year
    return [(year, str(year)) for year in range(this_year, this_year - 6, -1)]


def nationality_choices():
    nationalities = TrainedCount.objects.order_by("nationality").values_list(
        "nationality", flat=True
    )
    return [(value, value) for value in nationalities.distinct()]


class PeriodFilterSet(WagtailFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        choices=year_choices,
        method="filter_year",
        empty_label=_("All years"),
    )
    quarter_number = django_filters.ChoiceFilter(
        label=_("Quarter"),
        choices=QUARTERS,
        method="filter_quarter",
        empty_label=_("All quarters"),
    )
    destination = django_filters.ChoiceFilter(
        label=_("Destination"), choices=Destination.choices, empty_label=_("All destinations")
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Location"),
        queryset=lambda request: Location.objects.for_user(request.user),
        empty_label=_("All locations"),
    )

    def filter_year(self, queryset, name, value):
        return queryset.filter(quarter__year=int(value))

    def filter_quarter(self, queryset, name, value):
        return queryset.filter(quarter__month=quarter_first_month(int(value)))


class ParticipantsTrainedFilterSet(PeriodFilterSet):
    nationality = django_filters.ChoiceFilter(
        label=_("Nationality"), choices=nationality_choices, empty_label=_("All nationalities")
    )
    breakdown = django_filters.ChoiceFilter(
        label=_("Breakdown"),
        choices=[("location", _("By location")), ("nationality", _("By nationality"))],
        empty_label=_("Quarter and destination"),
        method="filter_breakdown",
    )

    class Meta:
        model = TrainedCount
        fields = ["year", "quarter_number", "destination", "location", "nationality"]

    def filter_breakdown(self, queryset, name, value):
        return queryset  # decides the rows of the pivot, not which counts are in it


class SessionsDeliveredFilterSet(PeriodFilterSet):
    class Meta:
        model = SessionSummary
        fields = ["year", "quarter_number", "destination", "location"]


class TrainingReportView(ReportView):
    """A report over a summary table, scoped by location, with a chart."""

    template_name = "training/reports/training_report.html"
    results_template_name = "training/reports/training_report_results.html"
    any_permission_required = None

    def dispatch(self, request, *args, **kwargs):
        if not roles.may_view_training_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def scoped_locations(self):
        return Location.objects.for_user(self.request.user)

    def chart(self, queryset, value_field, title):
        totals = {}
        for row in (
            queryset.order_by().values("quarter", "destination").annotate(total=Sum(value_field))
        ):
            if row["quarter"] is not None:
                totals[(row["quarter"], row["destination"])] = row["total"] or 0
        quarters = sorted({quarter for quarter, _destination in totals})
        series = [
            (str(label), [float(totals.get((quarter, value), 0)) for quarter in quarters])
            for value, label in Destination.choices
        ]
        return grouped_bars(title, [quarter_label(q) for q in quarters], series)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["chart"] = self.chart(self.chart_queryset, self.chart_field, self.chart_title)
        return context


class ParticipantsTrainedView(TrainingReportView):
    """A pivot: quarter and destination down, sex and age group across, with totals.

    Drill down by location or nationality with the "Breakdown" filter. Exact counts on
    screen (small ones marked); exports suppress small cells (training.figures).
    """

    page_title = _("Participants trained")
    header_icon = "group"
    filterset_class = ParticipantsTrainedFilterSet
    index_url_name = "training_reports:participants_trained"
    index_results_url_name = "training_reports:participants_trained_results"
    results_template_name = "training/reports/participants_trained_results.html"
    chart_field = "count"
    chart_title = _("Participants trained by quarter and destination")
    paginate_by = None

    def get_queryset(self):
        return TrainedCount.objects.filter(
            count__gt=0, location__in=self.scoped_locations()
        ).order_by("-quarter", "destination")

    def get_filtered_queryset(self):
        queryset = super().get_filtered_queryset()
        self.chart_queryset = queryset
        return queryset

    @property
    def breakdown(self):
        value = self.request.GET.get("breakdown")
        return value if value in figures.BREAKDOWNS else None

    def table(self):
        return figures.apply_suppression(figures.pivot(self.chart_queryset, self.breakdown))

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["pivot"] = self.table()
        context["breakdown"] = self.breakdown
        context["threshold"] = settings.PDO_SMALL_CELL_THRESHOLD
        context["total"] = context["pivot"].totals[-1]
        context["total_label"] = _("Participants trained, each counted once per curriculum")
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        header, rows = figures.pivot_export_rows(self.table(), self.breakdown)
        return spreadsheet_response(header, rows, self.get_filename(), spreadsheet_format)

    def get_filename(self):
        return f"participants-trained-{datetime.date.today():%Y-%m-%d}"


class SessionsDeliveredView(DecoratedRowsMixin, TrainingReportView):
    page_title = _("Sessions and results")
    header_icon = "date"
    filterset_class = SessionsDeliveredFilterSet
    index_url_name = "training_reports:sessions_delivered"
    index_results_url_name = "training_reports:sessions_delivered_results"
    chart_field = "hours"
    chart_title = _("Hours delivered by quarter and destination")
    list_export = [
        "location",
        "trainer",
        "sessions",
        "hours",
        "attendance_rate",
        "average_pre",
        "average_post",
        "difference",
        "share_rose",
    ]
    export_headings = {
        "location": _("Location"),
        "trainer": _("Trainer"),
        "sessions": _("Sessions held"),
        "hours": _("Hours delivered"),
        "attendance_rate": _("Attendance rate (%)"),
        "average_pre": _("Average pre-test score"),
        "average_post": _("Average post-test score"),
        "difference": _("Difference"),
        "share_rose": _("Scores rose (%)"),
    }
    columns = [Column(name, label=label) for name, label in export_headings.items()]

    def get_queryset(self):
        return SessionSummary.objects.filter(held=True, location__in=self.scoped_locations())

    def get_filtered_queryset(self):
        summaries = super().get_filtered_queryset()
        self.chart_queryset = summaries
        return (
            summaries.values(
                "location__site_name", "location__country", "session__trainers__username"
            )
            .annotate(
                sessions=Count("pk"),
                hours_total=Sum("hours"),
                marks_total=Sum("marks"),
                attended_total=Sum("attended_marks"),
                scored_total=Sum("scored"),
                pre_sum=Sum("pre_total"),
                post_sum=Sum("post_total"),
                rose_total=Sum("rose"),
            )
            .order_by("location__site_name", "session__trainers__username")
        )

    def decorate_rows(self, rows):
        return [session_row_figures(row) for row in rows]


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def average(total, count):
    return round(total / count, 1) if count else None


def session_row_figures(row):
    """Derived figures of one (location, trainer) row."""
    pre = average(row["pre_sum"], row["scored_total"])
    post = average(row["post_sum"], row["scored_total"])
    return {
        **row,
        "location": f"{row['location__site_name']}, {row['location__country']}",
        "trainer": row["session__trainers__username"] or "–",
        "hours": float(row["hours_total"] or 0),
        "attendance_rate": percent(row["attended_total"], row["marks_total"]),
        "average_pre": pre,
        "average_post": post,
        "difference": round(post - pre, 1) if pre is not None and post is not None else None,
        "share_rose": percent(row["rose_total"], row["scored_total"]),
    }
