"""E-mails in the recipient's language and direction, naming the platform and linking to the
configured site address: allauth's confirmation and password reset, "certificate issued",
and Wagtail's review-workflow notifications."""

import re
import subprocess
import sys

import pytest

from django.conf import settings as django_settings
from django.core import mail
from django.utils import translation

from wagtail.users.models import UserProfile

from courses.learning import lessons
from courses.learning.certificates import issue_certificate
from pdo_site.emails import platform_name
from tests.curricula.factories import ModulePageFactory
from tests.learning.factories import LearnerFactory
from tests.learning.test_signup import signup_data

BASE = "https://pdo.example.org"


@pytest.fixture
def site_address(settings):
    settings.PDO_BASE_URL = BASE
    settings.WAGTAILADMIN_BASE_URL = BASE
    return BASE


def name_in(language):
    with translation.override(language):
        name = platform_name()
    with translation.override("en"):
        assert name != platform_name(), f"the platform name is not translated into {language}"
    return name


def html_part(message):
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


def assert_written_in(message, language, direction):
    html = html_part(message)
    assert f'<html lang="{language}" dir="{direction}">' in html
    name = name_in(language)
    for part in (message.subject, message.body, html):
        assert name in part
    for part in (message.body, html):
        assert "127.0.0.1" not in part and "Hello from" not in part and "testserver" not in part


@pytest.mark.django_db
def test_confirmation_mail_in_the_learners_language_right_to_left(client, home_page, site_address):
    # Signed up on the Finnish site, but the learner prefers Arabic.
    client.post("/fi/accounts/signup/", signup_data(preferred_language="ar"))
    (message,) = mail.outbox
    assert message.to == ["aino@example.org"]
    assert_written_in(message, "ar", "rtl")
    link = re.search(rf"{BASE}/ar/accounts/confirm-email/[^/\s]+/", message.body).group(0)
    assert link in html_part(message)
    assert client.get(link.removeprefix(BASE)).status_code == 200


@pytest.mark.django_db
def test_confirmation_mail_in_finnish_left_to_right(client, home_page, site_address):
    client.post("/en/accounts/signup/", signup_data(preferred_language="fi"))
    (message,) = mail.outbox
    assert_written_in(message, "fi", "ltr")
    with translation.override("fi"):
        assert translation.gettext("To confirm it, open this link:") in message.body
    assert f"{BASE}/fi/accounts/confirm-email/" in message.body


@pytest.mark.django_db
def test_password_reset_mail_in_dari(client, home_page, site_address):
    learner = LearnerFactory(username="farid", profile__preferred_language="prs")
    learner.emailaddress_set.create(email=learner.email, primary=True, verified=True)
    client.post("/en/accounts/password/reset/", {"email": learner.email})
    (message,) = mail.outbox
    assert_written_in(message, "prs", "rtl")
    link = re.search(rf"{BASE}/prs/accounts/password/reset/key/\S+/", message.body).group(0)
    response = client.get(link.removeprefix(BASE), follow=True)
    assert response.status_code == 200 and 'name="password1"' in response.content.decode()


@pytest.mark.django_db
def test_certificate_issued_mail(course, site_address):
    learner = LearnerFactory(username="aino", profile__preferred_language="fi")
    certificate = issue_certificate(lessons.enrol(learner, course))
    (message,) = mail.outbox
    assert message.to == [learner.email]
    assert_written_in(message, "fi", "ltr")
    assert certificate.course_title in message.subject
    assert f"{BASE}/fi/learn/my/" in message.body
    assert f"{BASE}/fi/certificates/{certificate.code}/" in message.body
    assert "2 t" in message.body  # 45 + 75 minutes, as Finnish readers write it ("2 h")
    issue_certificate(lessons.enrol(learner, course))  # issued once, mailed once
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_review_notification_in_the_reviewers_admin_language(
    curricula, author, reviewer, site_address
):
    reviewer.email = "reviewer@example.org"
    reviewer.save()
    UserProfile.get_for_user(reviewer).__class__.objects.filter(user=reviewer).update(
        preferred_language="ar"
    )
    module = ModulePageFactory(parent=curricula[1], title="Housing")
    module.save_revision(user=author)
    with translation.override("en"):  # the author works in English
        curricula[1].get_workflow().start(module, author)
    (message,) = [m for m in mail.outbox if m.to == ["reviewer@example.org"]]
    html = html_part(message)
    assert '<html lang="ar" dir="rtl">' in html
    with translation.override("ar"):
        hello = translation.gettext("Hello %(username)s,") % {"username": "reviewer"}
    assert hello != "Hello reviewer," and hello in message.body and hello in html
    assert name_in("ar") in message.body and name_in("ar") in html
    edit_link = f"{BASE}/admin/pages/{module.pk}/edit/"
    assert edit_link in message.body and edit_link in html
    assert "127.0.0.1" not in message.body + html


def test_the_site_address_comes_from_the_environment():
    code = (
        "from pdo_site.settings import base; "
        "print(base.PDO_BASE_URL, base.WAGTAILADMIN_BASE_URL, repr(base.PDO_PLATFORM_NAME))"
    )
    env = {
        "PDO_BASE_URL": "https://learn.example.org/",
        "PDO_PLATFORM_NAME": "Koulutus",
        "PATH": "",
    }
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == ["https://learn.example.org", "https://learn.example.org", "'Koulutus'"]
