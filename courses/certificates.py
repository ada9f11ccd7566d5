"""Certificate PDFs: name, course, date, hours, verification code and a QR code that
links to the public verification page."""

from pathlib import Path

import segno

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

FONT_DIR = Path(__file__).resolve().parent.parent / "materials" / "fonts"


def verification_url(certificate, request=None):
    with translation.override("en"):
        path = reverse("verify_certificate", args=[certificate.code])
    return request.build_absolute_uri(path) if request else path


def render_certificate_pdf(certificate, request=None):
    from weasyprint import HTML

    url = verification_url(certificate, request)
    qr_svg = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    html = render_to_string(
        "courses/learning/certificate_print.html",
        {
            "certificate": certificate,
            "verification_url": url,
            "qr": qr_svg,
            "font_dir": FONT_DIR.as_uri(),
        },
    )
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()
