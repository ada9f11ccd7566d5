"""A learner deletes their account: no name, e-mail address or username of theirs is left
anywhere in the database (logs, sessions, certificates), and their certificate still verifies,
as held by someone who removed their account."""

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.urls import reverse

from courses.learning import lessons
from courses.learning.certificates import issue_certificate
from courses.learning.models import Certificate, QuizAttempt
from tests.learning.factories import LearnerFactory
from tests.learning.quizzing import quiz_form

NAME = "Zelinda Quarrington"
USERNAME = "zquarrington"
EMAIL = "zelinda.quarrington@example.org"


def database_dump():
    """Every row of every table, as text (a full dump of the test database)."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            # Table names come from the database itself, not from input.
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # nosec B608
            rows.extend(f"{table}: {row!r}" for row in cursor.fetchall())
    return "\n".join(rows)


@pytest.mark.django_db
def test_deleted_learner_leaves_no_name_or_email_and_the_certificate_still_verifies(
    client, course, django_user_model
):
    learner = LearnerFactory(username=USERNAME, email=EMAIL)
    learner.learner_profile.full_name = NAME
    learner.learner_profile.save()
    EmailAddress.objects.create(user=learner, email=EMAIL, verified=True, primary=True)
    client.force_login(learner)
    other_device = Client()
    other_device.force_login(learner)

    # The learner takes the course and passes the quiz: a certificate in their name.
    client.post(reverse("learning:course", args=[course.slug]))
    enrolment = learner.course_enrolments.get()
    for lesson in course.modules:
        lessons.complete_lesson(enrolment, lesson, {})
    quiz_url = reverse("learning:quiz", args=[course.slug])
    client.get(quiz_url)
    assert "You passed" in client.post(quiz_url, quiz_form(enrolment)).content.decode()
    certificate = Certificate.objects.get()
    assert certificate.holder_name == NAME

    # A course manager edits the certificate: Wagtail logs it under the certificate's label.
    manager = django_user_model.objects.create_user(username="cm", password="x")
    manager.groups.add(Group.objects.get(name="Course managers"))
    staff = Client()
    staff.force_login(manager)
    edit = reverse("certificate:edit", args=[certificate.pk])
    assert staff.post(edit, {"revoked_reason": ""}, follow=True).redirect_chain
    before = database_dump()
    assert NAME in before and EMAIL in before  # the search does find them while they exist

    response = client.post(
        reverse("learning:delete_account"), {"password": "pw-learner-123"}, follow=True
    )
    assert "Your account and your data have been deleted." in response.content.decode()

    dump = database_dump().lower()
    for trace in (NAME, USERNAME, EMAIL, "Zelinda", "Quarrington"):
        assert trace.lower() not in dump, trace
    assert not django_user_model.objects.filter(pk=learner.pk).exists()
    assert not QuizAttempt.objects.exists()
    # Signed out on every device.
    assert other_device.get(reverse("learning:dashboard")).status_code == 302

    certificate.refresh_from_db()
    assert certificate.learner is None and certificate.holder_removed_at is not None
    verify = client.get(reverse("verify_certificate", args=[certificate.code])).content.decode()
    assert "The holder removed their account." in verify
    assert course.title in verify and "Valid" in verify
    assert certificate.issued_on.strftime("%Y") in verify
    # The course manager's list still shows the certificate, with no one's name.
    listing = staff.get(reverse("certificate:index")).content.decode()
    assert course.title in listing and NAME not in listing


@pytest.mark.django_db
def test_a_learner_deleted_by_staff_in_the_user_admin_leaves_no_name_either(client, course):
    learner = LearnerFactory(username=USERNAME, email=EMAIL)
    learner.learner_profile.full_name = NAME
    learner.learner_profile.save()
    certificate = issue_certificate(lessons.enrol(learner, course))
    admin = LearnerFactory(username="admin-user")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin)
    url = reverse("wagtailusers_users:delete", args=[learner.pk])
    assert client.post(url, follow=True).status_code == 200
    assert not type(learner).objects.filter(pk=learner.pk).exists()

    dump = database_dump().lower()
    for trace in (NAME, USERNAME, EMAIL):
        assert trace.lower() not in dump, trace
    certificate.refresh_from_db()
    assert certificate.holder_removed_at is not None and certificate.holder_name == ""
