"""Branded e-mails: every mail the platform sends names it, links to its configured address
(``PDO_BASE_URL``, not the address a request came in on) and is written in the recipient's
language, with an HTML part that carries ``lang`` and ``dir`` and a plain-text part.

The layout is ``pdo_site/email/base.html`` and ``base.txt``; allauth's mails
(``courses.learning.accounts``) and the "certificate issued" mail extend it, and Wagtail's
review notifications get the same look from ``wagtailadmin/notifications/base.html``.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from pdo_site.languages import RTL_LANGUAGE_CODES, SOURCE_LANGUAGE


def platform_name():
    """The platform's name: the ``PDO_PLATFORM_NAME`` setting, or the translated default."""
    return settings.PDO_PLATFORM_NAME or gettext("PDO and counter-trafficking training")


def absolute_url(path):
    """``path`` on the configured site address."""
    return settings.PDO_BASE_URL.rstrip("/") + path


def email_context(language=None):
    """What every e-mail template may use: platform name, site address, language, direction."""
    language = language or translation.get_language() or SOURCE_LANGUAGE
    return {
        "platform_name": platform_name(),
        "base_url": settings.PDO_BASE_URL.rstrip("/"),
        "home_url": absolute_url(f"/{language}/"),
        "language": language,
        "direction": "rtl" if language in RTL_LANGUAGE_CODES else "ltr",
    }


def render_subject(template_name, context):
    # A subject is one line; templates end with a line break.
    return " ".join(render_to_string(template_name, context).splitlines()).strip()


def branded_message(template_prefix, to, context, language):
    """An e-mail from ``<prefix>_subject.txt``, ``_message.txt`` and ``_message.html``,
    rendered in ``language``."""
    with translation.override(language):
        full_context = {**email_context(language), **context}
        subject = render_subject(f"{template_prefix}_subject.txt", full_context)
        text = render_to_string(f"{template_prefix}_message.txt", full_context).strip()
        html = render_to_string(f"{template_prefix}_message.html", full_context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    return message
