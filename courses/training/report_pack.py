"""The quarterly report pack for donors: a PDF and an XLSX per quarter and destination
with participants trained by sex and age (small cells suppressed), sessions, hours,
locations, attendance rate and pre/post test scores, all from the summary tables."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from courses.curricula.choices import Destination
from courses.training import figures
from courses.training.models import Location, SessionSummary, TrainedCount
from courses.training.periods import quarter_code, quarter_end
from courses.training.spreadsheets import xlsx_bytes
from materials.pdf import print_assets, render_pdf


@dataclass
class QuarterFigures:
    quarter: object
    destination: str
    pivot: figures.Pivot
    sessions: int
    hours: float
    locations: list
    attendance_rate: float | None
    average_pre: float | None
    average_post: float | None

    @property
    def title(self):
        return _("Migrants assisted %(period)s, %(destination)s") % {
            "period": self.period,
            "destination": figures.destination_label(self.destination),
        }

    @property
    def period(self):
        """'October–December 2026', in the active language."""
        start, end = self.quarter, quarter_end(self.quarter)
        return f"{date_format(start, 'F')}–{date_format(end, 'F Y')}"

    @property
    def donor(self):
        return settings.PDO_REPORT_DONORS.get(self.destination, "")

    def key_figures(self):
        """(label, value) of the session figures, as printed and exported."""
        trained = self.pivot.shown_totals[-1] if self.pivot.rows else "0"
        return [
            (_("Participants trained"), trained),
            (_("Sessions held"), self.sessions),
            (_("Hours delivered"), self.hours),
            (_("Locations"), len(self.locations)),
            (_("Attendance rate (%)"), or_dash(self.attendance_rate)),
            (_("Average pre-test score"), or_dash(self.average_pre)),
            (_("Average post-test score"), or_dash(self.average_post)),
        ]


def or_dash(value):
    return "–" if value is None else value


def rounded(value, digits=1):
    return None if value is None else round(float(value), digits)


def quarter_figures(quarter, destination):
    counts = TrainedCount.objects.filter(quarter=quarter, destination=destination, count__gt=0)
    table = figures.apply_suppression(figures.pivot(counts))
    held = SessionSummary.objects.filter(quarter=quarter, destination=destination, held=True)
    totals = held.aggregate(
        sessions=Count("pk"),
        hours=Sum("hours"),
        marks=Sum("marks"),
        attended=Sum("attended_marks"),
        scored=Sum("scored"),
        pre=Sum("pre_total"),
        post=Sum("post_total"),
    )
    locations = list(
        Location.objects.filter(pk__in=held.values("location")).order_by("country", "site_name")
    )
    scored = totals["scored"] or 0
    return QuarterFigures(
        quarter=quarter,
        destination=destination,
        pivot=table,
        sessions=totals["sessions"],
        hours=rounded(totals["hours"] or 0),
        locations=locations,
        attendance_rate=rounded(100 * totals["attended"] / totals["marks"])
        if totals["marks"]
        else None,
        average_pre=rounded(totals["pre"] / scored) if scored else None,
        average_post=rounded(totals["post"] / scored) if scored else None,
    )


def pack_pdf(data, language=None):
    with translation.override(language or settings.LANGUAGE_CODE):
        html = render_to_string(
            "training/print/report_pack.html",
            {
                **print_assets(),
                "figures": data,
                "threshold": settings.PDO_SMALL_CELL_THRESHOLD,
                "built_on": timezone.localdate(),
                "LANGUAGE_CODE": translation.get_language(),
                "LANGUAGE_BIDI": translation.get_language_bidi(),
            },
        )
    return render_pdf(html).content


def pack_xlsx(data):
    header, rows = figures.pivot_export_rows(data.pivot)
    summary = [[label, value] for label, value in data.key_figures()]
    summary += [[_("Donor"), data.donor], [_("Period"), data.period]]
    places = [[str(location)] for location in data.locations]
    return xlsx_bytes(
        [
            (_("Summary"), [_("Figure"), _("Value")], summary),
            (_("Participants trained"), header, rows),
            (_("Locations"), [_("Location")], places),
        ]
    )


def pack_filename(quarter, destination, extension):
    return f"report-pack-{quarter_code(quarter)}-{destination}.{extension}"


def build_pack(quarter, destination, output_dir):
    """Write the PDF and the XLSX into ``output_dir``; returns their paths."""
    if destination not in Destination.values:
        raise ValueError(destination)
    data = quarter_figures(quarter, destination)
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / pack_filename(quarter, destination, "pdf")
    xlsx = folder / pack_filename(quarter, destination, "xlsx")
    pdf.write_bytes(pack_pdf(data))
    xlsx.write_bytes(pack_xlsx(data))
    return pdf, xlsx
