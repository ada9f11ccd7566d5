"""Blank attendance sheets to print for a training session.

Rows follow the attendance screen (``Enrolment.number``) so a filled-in paper sheet
from a camp is typed in quickly; the sheet code and QR code identify the session.
"""

from pathlib import Path

import segno

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

FONT_DIR = Path(__file__).resolve().parent / "fonts"


def sheet_code(session):
    return f"PDO-S{session.pk:06d}"


def render_attendance_sheet(session, request=None):
    from weasyprint import HTML

    path = reverse("courses_training:attendance", args=[session.pk])
    url = request.build_absolute_uri(path) if request else path
    days = session.ordered_days
    enrolments = list(session.enrolments.select_related("participant").order_by("number"))
    paper = "letter" if getattr(settings, "PDO_PAPER_SIZE", "A4").lower() == "letter" else "A4"
    html = render_to_string(
        "materials/print/attendance_sheet.html",
        {
            "session": session,
            "days": days,
            "enrolments": enrolments,
            "code": sheet_code(session),
            "qr": segno.make(f"{sheet_code(session)} {url}", error="m").svg_data_uri(scale=3),
            "font_dir": FONT_DIR.as_uri(),
            "paper": paper,
            "printed_on": timezone.localdate(),
            "show_names": getattr(settings, "PDO_COLLECT_PARTICIPANT_NAMES", True),
            "LANGUAGE_CODE": translation.get_language(),
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        },
    )
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()
