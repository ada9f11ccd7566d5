"""Certificates name the issuing organisation and show hours as people read them, in the
learner's language; revoked or expired certificates get no PDF, and verify as such."""

import datetime
import subprocess
from decimal import Decimal

import pytest

from django.urls import reverse
from django.utils import timezone, translation

from courses.learning import lessons
from courses.learning.certificates import issue_certificate
from courses.learning.models import Certificate
from tests.learning.factories import LearnerFactory
from tests.learning.pdf_text import first_page_text, reads


@pytest.mark.parametrize(
    ("hours", "english"),
    [("4.3", "4 h 20 min"), ("2.0", "2 hours"), ("1.0", "1 hour"), ("0.5", "30 min")],
)
def test_hours_as_people_read_them(hours, english):
    assert Certificate(hours=Decimal(hours)).duration_display == english


def pdf_text(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return first_page_text(response.content)


@pytest.mark.django_db
def test_pdf_names_the_organisation_and_hours_in_the_learners_language(
    client, course, settings, tmp_path
):
    settings.PDO_ISSUING_ORGANISATION = "Finnish Red Cross"
    learner = LearnerFactory(username="aino", profile__preferred_language="fi")
    certificate = issue_certificate(lessons.enrol(learner, course))
    client.force_login(learner)
    # Downloaded from the English site, printed in Finnish, the learner's language.
    text = pdf_text(client.get(f"/en/learn/my/certificates/{certificate.code}/pdf/"))
    with translation.override("fi"):
        issued_by = translation.gettext("Issued by")
        hours = certificate.duration_display
    assert f"{issued_by}: Finnish Red Cross" in text
    assert hours in text and "2.0" not in text
    assert f"/fi/certificates/{certificate.code}/" in text.replace("\n", "")


@pytest.mark.django_db
def test_arabic_certificate_pdf_and_its_page_image(client, course, tmp_path):
    learner = LearnerFactory(username="samira", profile__preferred_language="ar")
    learner.learner_profile.full_name = "سميرة Haddad"
    learner.learner_profile.save()
    certificate = issue_certificate(lessons.enrol(learner, course))
    client.force_login(learner)
    response = client.get(reverse("learning:certificate_pdf", args=[certificate.code]))
    text = pdf_text(response)
    with translation.override("ar"):
        organisation = translation.gettext("PDO training programme")
        certificate_word = translation.gettext("Certificate")
        hours = certificate.duration_display
    assert organisation in text and certificate_word in text and "Haddad" in text
    assert reads(text, hours)
    pdf = tmp_path / "certificate-ar.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf, tmp_path / "page"], check=True
    )
    assert (tmp_path / "page-1.png").stat().st_size > 10_000


@pytest.mark.django_db
def test_verification_page_names_the_organisation_and_hours(client, course):
    certificate = issue_certificate(lessons.enrol(LearnerFactory(username="anna"), course))
    html = client.get(f"/fi/certificates/{certificate.code}/").content.decode()
    with translation.override("fi"):
        assert translation.gettext("PDO training programme") in html
        assert certificate.duration_display in html


@pytest.mark.django_db
def test_revoked_certificate_pdf_is_refused_and_verifies_as_revoked(client, course):
    learner = LearnerFactory(username="anna")
    certificate = issue_certificate(lessons.enrol(learner, course))
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = "Issued in error"
    certificate.save()
    client.force_login(learner)
    response = client.get(reverse("learning:certificate_pdf", args=[certificate.code]))
    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "was revoked on" in html and "valid until" not in html.lower()
    assert reverse("verify_certificate", args=[certificate.code]) in html
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert "Download your certificate (PDF)" not in dashboard and "Revoked" in dashboard
    client.logout()
    verify = client.get(reverse("verify_certificate", args=[certificate.code])).content.decode()
    assert "Revoked" in verify


@pytest.mark.django_db
def test_expired_certificate_pdf_is_refused(client, course):
    learner = LearnerFactory(username="anna")
    certificate = issue_certificate(lessons.enrol(learner, course))
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(learner)
    response = client.get(reverse("learning:certificate_pdf", args=[certificate.code]))
    assert response.status_code == 410 and "expired on" in response.content.decode()
    assert (
        "Expired"
        in client.get(reverse("verify_certificate", args=[certificate.code])).content.decode()
    )
