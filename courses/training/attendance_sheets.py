"""Blank attendance sheets to print for a training session.

Rows follow the attendance screen (``Enrolment.number``) so a filled-in paper sheet
from a camp is typed in quickly; the sheet code identifies the session, and its QR code
opens the session in the field app.
"""

import math

import segno

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from materials.pdf import print_assets, render_pdf


def spare_row_numbers(enrolments):
    """Numbers of the blank rows for walk-ins: a tenth of the list, at least five."""
    last = enrolments[-1].number if enrolments else 0
    return range(last + 1, last + 1 + max(5, math.ceil(len(enrolments) / 10)))


def sheet_code(session):
    return f"PDO-S{session.pk:06d}"


def field_app_url(session, request=None):
    """The address the sheet's QR code holds: the session in the field app, in the
    active language, so a phone scanning the paper sheet opens it there to type it in.
    (The app is named by its URL: training imports nothing from the field app above it.)"""
    path = f"{reverse('field:app')}#session={session.pk}"
    return request.build_absolute_uri(path) if request else path


def render_attendance_sheet(session, request=None):
    """The blank sheet of ``session`` as PDF bytes."""
    days = session.ordered_days
    enrolments = list(session.enrolments.select_related("participant").order_by("number"))
    html = render_to_string(
        "training/print/attendance_sheet.html",
        {
            **print_assets(),
            "session": session,
            "days": days,
            "enrolments": enrolments,
            "spare_rows": spare_row_numbers(enrolments),
            "trainers": list(session.trainers.order_by("username")),
            "interpreters": [
                line.strip() for line in session.interpreters.splitlines() if line.strip()
            ],
            "signature_roles": [_("Trainer"), _("Interpreter")],
            "code": sheet_code(session),
            "qr": segno.make(field_app_url(session, request), error="m").svg_data_uri(scale=3),
            "printed_on": timezone.localdate(),
            "show_names": settings.PDO_COLLECT_PARTICIPANT_NAMES,
            "LANGUAGE_CODE": translation.get_language(),
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        },
    )
    return render_pdf(html).content
