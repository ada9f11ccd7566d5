"""Certificates: issued when a learner passes, and their PDF with name, course, date,
hours, verification code and a QR code that links to the public verification page."""

import calendar
import datetime

import segno

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from courses.learning.models import Certificate, CourseSettings
from materials.pdf import print_assets, render_pdf


def add_months(date, months):
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def issue_certificate(enrolment):
    course = enrolment.course
    valid_months = CourseSettings.for_course(course).certificate_valid_months
    profile = getattr(enrolment.learner, "learner_profile", None)
    issued = timezone.localdate()
    certificate, _created = Certificate.objects.get_or_create(
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
    return certificate


def verification_url(certificate, request=None):
    with translation.override("en"):
        path = reverse("verify_certificate", args=[certificate.code])
    return request.build_absolute_uri(path) if request else path


def render_certificate_pdf(certificate, request=None):
    url = verification_url(certificate, request)
    qr_svg = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    html = render_to_string(
        "learning/certificate_print.html",
        {**print_assets(), "certificate": certificate, "verification_url": url, "qr": qr_svg},
    )
    return render_pdf(html).content
