import io

import pytest
from pypdf import PdfReader

from django.urls import reverse

from tests.training.factories import LocationFactory, StaffUserFactory, TrainingSessionFactory


@pytest.mark.django_db
def test_blank_attendance_sheet_lists_rows_in_screen_order(client, curricula, django_user_model):
    camp = LocationFactory(site_name="Camp, Hatay", kind="camp")
    trainer = StaffUserFactory(username="trainer", group="Trainers", locations=[camp])
    session = TrainingSessionFactory(
        curriculum=curricula[1], location=camp, days=("2026-03-02", "2026-03-03"), participants=3
    )
    client.force_login(trainer)
    response = client.get(reverse("training:attendance_pdf", args=[session.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    references = [e.participant.case_reference for e in session.enrolments.all()]
    positions = [text.index(reference) for reference in references]
    assert positions == sorted(positions)
    assert f"PDO-S{session.pk:06d}" in text
    assert "2.3.2026" in text

    other = TrainingSessionFactory(
        curriculum=curricula[1], location=LocationFactory(site_name="Ankara"), participants=1
    )
    response = client.get(reverse("training:attendance_pdf", args=[other.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_big_session_prints_on_several_pages_each_naming_the_session(client, curricula):
    from tests.training.test_attendance_sheet import big_session

    camp = LocationFactory(site_name="Camp, Hatay", kind="camp")
    trainer = StaffUserFactory(username="trainer.camp", group="Trainers", locations=[camp])
    session = big_session(curricula[1], camp, participants=120, days=5)
    session.trainers.add(trainer)
    session.interpreters = "Interpreter: Arabic–Finnish"
    session.save()
    client.force_login(trainer)
    response = client.get(reverse("training:attendance_pdf", args=[session.pk]))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    code = f"PDO-S{session.pk:06d}"
    assert len(pages) >= 3
    assert all(code in text and "Camp, Hatay" in text for text in pages)
    text = "\n".join(pages)
    # pypdf may split "trainer.camp" at the dot: compare without spaces.
    assert "trainer.camp" in text.replace(" ", "") and "Interpreter: Arabic–Finnish" in text
    assert "132" in pages[-1] and "133" not in pages[-1]  # 12 spare rows after row 120
    assert "Name, signature and date" in pages[-1]
