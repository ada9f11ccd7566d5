"""Certificates: issued when a learner passes (with an e-mail saying so), and their PDF with
name, course, issuing organisation, date, hours, verification code and a QR code that links
to the public verification page. Only a valid certificate has a PDF."""

import calendar
import datetime
import logging

import segno

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from courses.learning.accounts import learner_language
from courses.learning.models import Certificate, CourseSettings
from materials.pdf import print_assets, render_pdf
from pdo_site.emails import absolute_url, branded_message
from pdo_site.languages import RTL_LANGUAGE_CODES

logger = logging.getLogger(__name__)


def add_months(date, months):
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def issuing_organisation():
    """Who issues the certificates: ``PDO_ISSUING_ORGANISATION``, or the translated default."""
    return settings.PDO_ISSUING_ORGANISATION or gettext("PDO training programme")


def issue_certificate(enrolment):
    course = enrolment.course
    valid_months = CourseSettings.for_course(course).certificate_valid_months
    profile = getattr(enrolment.learner, "learner_profile", None)
    issued = timezone.localdate()
    certificate, created = Certificate.objects.get_or_create(
        learner=enrolment.learner,
        course=course,
        defaults={
            "holder_name": profile.full_name if profile else enrolment.learner.get_username(),
            "course_title": course.title,
            "hours": round(course.total_duration_minutes / 60, 1),
            "issued_on": issued,
            "valid_until": add_months(issued, valid_months) if valid_months else None,
        },
    )
    if created:
        send_certificate_issued_mail(certificate)
    return certificate


def verification_url(certificate, language=None):
    """The public verification page on the configured site address (printed as a QR code),
    in the learner's language."""
    with translation.override(language or learner_language(certificate.learner)):
        return absolute_url(reverse("verify_certificate", args=[certificate.code]))


def send_certificate_issued_mail(certificate):
    """Tell the learner, in their language, that the certificate is ready and where it is."""
    learner = certificate.learner
    if not learner.email:
        return
    language = learner_language(learner)
    with translation.override(language):
        dashboard_url = absolute_url(reverse("learning:dashboard"))
        verify_url = verification_url(certificate, language)
        message = branded_message(
            "learning/email/certificate_issued",
            [learner.email],
            {
                "certificate": certificate,
                "organisation": issuing_organisation(),
                "dashboard_url": dashboard_url,
                "verify_url": verify_url,
            },
            language,
        )
    try:
        message.send()
    except OSError:
        # The certificate is issued and on the dashboard whether or not the mail goes out.
        logger.exception("Could not send the certificate e-mail for certificate %s", certificate.pk)


def render_certificate_pdf(certificate):
    """The certificate's PDF, in the learner's language."""
    language = learner_language(certificate.learner)
    url = verification_url(certificate, language)
    qr_svg = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    with translation.override(language):
        html = render_to_string(
            "learning/certificate_print.html",
            {
                **print_assets(),
                "certificate": certificate,
                "organisation": issuing_organisation(),
                "verification_url": url,
                "qr": qr_svg,
                "language": language,
                "rtl": language in RTL_LANGUAGE_CODES,
            },
        )
    return render_pdf(html).content
