"""Learner accounts (django-allauth): e-mails in the learner's language, built on the
platform's layout and linking to the configured site address (``PDO_BASE_URL``)."""

from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress

from django.urls import reverse
from django.utils import translation

from pdo_site.emails import absolute_url, email_context


def learner_language(user):
    """The language to write to ``user`` in: their preferred language as a learner, their
    Wagtail admin language as staff, else the language of the current request."""
    profile = getattr(user, "learner_profile", None) if user is not None else None
    if profile is not None and profile.preferred_language:
        return profile.preferred_language
    staff_profile = getattr(user, "wagtail_userprofile", None) if user is not None else None
    if staff_profile is not None and staff_profile.preferred_language:
        return staff_profile.get_preferred_language()
    return translation.get_language()


class LearnerAccountAdapter(DefaultAccountAdapter):
    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key):
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def send_confirmation_mail(self, request, emailconfirmation, signup):
        # The link is built before the mail is rendered: both in the learner's language.
        with translation.override(learner_language(emailconfirmation.email_address.user)):
            super().send_confirmation_mail(request, emailconfirmation, signup)

    def send_password_reset_mail(self, user, email, context):
        with translation.override(learner_language(user)):
            context["password_reset_url"] = self.get_reset_password_from_key_url(
                f"{context['uid']}-{context['key']}"
            )
            super().send_password_reset_mail(user, email, context)

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        if user is None:
            address = EmailAddress.objects.filter(email__iexact=email).select_related("user")
            user = next((a.user for a in address[:1]), None)
        language = learner_language(user)
        with translation.override(language):
            super().send_mail(template_prefix, email, {**email_context(language), **context})
