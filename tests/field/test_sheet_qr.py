"""The printed attendance sheet's QR code opens its session in the field app."""

import io

import pytest
import segno
from pypdf import PdfReader

from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from courses.training.attendance_sheets import field_app_url

pytestmark = pytest.mark.django_db


def test_the_qr_code_holds_the_session_in_the_field_app_of_the_sheet_language(field):
    session = field["session"]
    request = RequestFactory().get("/", HTTP_HOST="pdo.example.org", secure=True)
    with translation.override("fi"):
        url = field_app_url(session, request)
    assert url == f"https://pdo.example.org/fi/field/#session={session.pk}"
    # A small symbol (version 4 here): its modules stay large enough at the printed 26 mm.
    assert segno.make(url, error="m").version <= 6


def test_the_sheet_with_its_qr_code_is_printed_for_the_trainer(client, field):
    client.force_login(field["trainer"])
    response = client.get(reverse("training:attendance_pdf", args=[field["session"].pk]))
    assert response.status_code == 200
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert f"PDO-S{field['session'].pk:06d}" in page.extract_text()
