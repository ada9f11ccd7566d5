"""Quarterly figures: the managers' admin (publish a quarter, download report packs)
and the public figures page, in every site language."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.curricula.choices import Destination
from courses.training import figures
from courses.training.charts import grouped_bars
from courses.training.models import PublishedQuarter, SessionSummary, TrainedCount
from courses.training.periods import parse_quarter, quarter_code, quarter_label
from courses.training.report_pack import pack_filename, pack_pdf, pack_xlsx, quarter_figures
from courses.training.spreadsheets import XLSX, spreadsheet_response
from pdo_site import roles


def quarters_with_records():
    trained = TrainedCount.objects.filter(count__gt=0).values_list("quarter", flat=True)
    held = SessionSummary.objects.filter(held=True).exclude(quarter=None)
    quarters = set(trained.distinct()) | set(held.values_list("quarter", flat=True).distinct())
    return sorted(quarters, reverse=True)


class QuarterlyFiguresView(WagtailAdminTemplateMixin, TemplateView):
    """Every quarter with training records: publish or withdraw it, download its packs."""

    template_name = "training/admin/quarterly_figures.html"
    page_title = gettext_lazy("Quarterly figures")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not roles.may_publish_figures(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = set(PublishedQuarter.objects.values_list("quarter", flat=True))
        context["quarters"] = [
            {
                "code": quarter_code(quarter),
                "label": quarter_label(quarter),
                "published": quarter in published,
            }
            for quarter in quarters_with_records()
        ]
        context["destinations"] = Destination.choices
        return context

    def post(self, request, *args, **kwargs):
        quarter = parse_quarter(request.POST.get("quarter", ""))
        if quarter is None:
            messages.error(request, _("Choose a quarter."))
        elif request.POST.get("action") == "withdraw":
            PublishedQuarter.objects.filter(quarter=quarter).delete()
            messages.success(
                request,
                _("%(quarter)s is no longer on the public figures page.")
                % {"quarter": quarter_label(quarter)},
            )
        else:
            PublishedQuarter.objects.get_or_create(
                quarter=quarter, defaults={"published_by": request.user}
            )
            messages.success(
                request,
                _("%(quarter)s is published on the figures page.")
                % {"quarter": quarter_label(quarter)},
            )
        return redirect(request.path)


def report_pack_download(request, code, destination, extension):
    if not roles.may_publish_figures(request.user):
        raise PermissionDenied
    quarter = parse_quarter(code)
    if quarter is None or destination not in Destination.values or extension not in ("pdf", "xlsx"):
        raise Http404
    data = quarter_figures(quarter, destination)
    if extension == "pdf":
        response = HttpResponse(pack_pdf(data), content_type="application/pdf")
    else:
        response = HttpResponse(pack_xlsx(data), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="{pack_filename(quarter, destination, extension)}"'
    )
    return response


def public_table():
    published = PublishedQuarter.objects.values_list("quarter", flat=True)
    counts = TrainedCount.objects.filter(quarter__in=published, count__gt=0)
    return figures.apply_suppression(figures.pivot(counts))


def public_chart(table):
    """Participants trained per published quarter and destination (suppressed totals: 0)."""
    totals = {}
    for row in table.rows:
        shown = row.shown[-1]
        totals[(row.labels[0], row.key[1])] = int(shown) if shown.isdigit() else 0
    quarters = sorted({quarter for quarter, _destination in totals})
    series = [
        (str(label), [totals.get((quarter, value), 0) for quarter in quarters])
        for value, label in Destination.choices
    ]
    return grouped_bars(_("Participants trained by quarter and destination"), quarters, series)


def figures_page(request):
    """The published quarters' figures, small cells suppressed; ?format=csv for the table."""
    table = public_table()
    if request.GET.get("format") == "csv":
        header, rows = figures.pivot_export_rows(table)
        return spreadsheet_response(header, rows, "pdo-figures", "csv")
    held = SessionSummary.objects.filter(
        held=True, quarter__in=PublishedQuarter.objects.values_list("quarter", flat=True)
    ).aggregate(hours=Sum("hours"))
    return render(
        request,
        "training/figures.html",
        {
            "table": table,
            "chart": public_chart(table) if table.rows else "",
            "hours": round(float(held["hours"] or 0)),
            "threshold": settings.PDO_SMALL_CELL_THRESHOLD,
        },
    )
