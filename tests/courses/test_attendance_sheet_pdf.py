import io

import pytest
from pypdf import PdfReader

from django.urls import reverse

from tests.courses.sessions_fixtures import make_location, make_session, make_user


@pytest.mark.django_db
def test_blank_attendance_sheet_lists_rows_in_screen_order(client, curricula, django_user_model):
    camp = make_location("Camp, Hatay", kind="camp")
    trainer = make_user(django_user_model, "trainer", "Trainers", [camp])
    session = make_session(curricula[1], camp, days=("2026-03-02", "2026-03-03"), participants=3)
    client.force_login(trainer)
    response = client.get(reverse("courses_training:attendance_pdf", args=[session.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    references = [e.participant.case_reference for e in session.enrolments.all()]
    positions = [text.index(reference) for reference in references]
    assert positions == sorted(positions)
    assert f"PDO-S{session.pk:06d}" in text
    assert "2.3.2026" in text

    other = make_session(curricula[1], make_location("Ankara"), participants=1)
    response = client.get(reverse("courses_training:attendance_pdf", args=[other.pk]))
    assert response.status_code == 404
