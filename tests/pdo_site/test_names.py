"""Bidirectional control characters never reach a stored name, a page or a PDF."""

import io

import pytest
from pypdf import PdfReader

from django.urls import reverse

from courses.learning import lessons
from courses.learning.certificates import issue_certificate
from courses.learning.models import LearnerProfile
from courses.training.models import Participant
from pdo_site.names import BIDI_CONTROLS, strip_bidi_controls
from tests.curricula.factories import CurriculumPageFactory
from tests.learning.factories import LearnerFactory
from tests.training.factories import LocationFactory, StaffUserFactory, TrainingSessionFactory

# "Anna" then an override that shows the rest backwards, and an isolate left open.
SPOOFED = "Anna \u202enamhcaR\u202c \u2067Ali\u200f"
# Persian needs the zero-width non-joiner: it stays.
PERSIAN = "مهر\u200cناز"


def test_every_bidi_control_is_removed_and_joiners_are_kept():
    assert strip_bidi_controls(SPOOFED) == "Anna namhcaR Ali"
    assert not any(ch in strip_bidi_controls("".join(BIDI_CONTROLS)) for ch in BIDI_CONTROLS)
    assert strip_bidi_controls(PERSIAN) == PERSIAN


@pytest.mark.django_db
def test_a_participant_name_typed_in_the_admin_is_stored_and_printed_without_controls(
    client, curricula
):
    camp = LocationFactory(site_name="Camp, Hatay", kind="camp")
    trainer = StaffUserFactory(username="trainer", group="Trainers", locations=[camp])
    client.force_login(trainer)
    data = {
        "case_reference": "TUR-24-012345",
        "household": "H-1",
        "name": SPOOFED,
        "sex": "female",
        "year_of_birth": "1988",
        "nationality": "Syrian",
        "preferred_language": "ar",
        "destination": "finland",
        "location": camp.pk,
    }
    assert client.post(reverse("participant:add"), data).status_code == 302
    participant = Participant.objects.get(case_reference="TUR-24-012345")
    assert participant.name == "Anna namhcaR Ali"

    session = TrainingSessionFactory(curriculum=curricula[1], location=camp, participants=0)
    session.enrolments.create(participant=participant, number=1, track="adults")
    sheet = client.get(reverse("training:attendance", args=[session.pk])).content.decode()
    assert '<bdi class="attendance-name">Anna namhcaR Ali</bdi>' in sheet
    pdf = client.get(reverse("training:attendance_pdf", args=[session.pk]))
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Anna namhcaR Ali" in text
    assert not any(ch in text for ch in BIDI_CONTROLS)


@pytest.mark.django_db
def test_a_learners_name_on_the_certificate_and_its_verification_page_has_no_controls(
    client, curricula
):
    course = CurriculumPageFactory(parent=curricula[0], title="Trafficking", online_course=True)
    learner = LearnerFactory(username="anna")
    profile = LearnerProfile.objects.get(user=learner)
    profile.full_name = SPOOFED
    profile.save()
    assert LearnerProfile.objects.get(user=learner).full_name == "Anna namhcaR Ali"
    learner.refresh_from_db()  # forget the profile the factory cached
    certificate = issue_certificate(lessons.enrol(learner, course))
    assert certificate.holder_name == "Anna namhcaR Ali"
    page = client.get(reverse("verify_certificate", args=[certificate.code])).content.decode()
    assert "<bdi>Anna namhcaR Ali</bdi>" in page
