"""Forms of the online courses: learners' sign-up and account deletion, and the course
managers' certificate and course-settings forms."""

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from courses.curricula.models import CurriculumPage
from courses.learning.models import Certificate, CourseSettings, LearnerProfile
from pdo_site.languages import SITE_LANGUAGES


class LearnerSignupForm(forms.Form):
    """Extra sign-up fields (allauth adds email and password)."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, help_text=_("As it should appear on certificates.")
    )
    # No profession is preselected: the learner chooses one.
    profession = forms.ChoiceField(
        label=_("Profession"),
        choices=[("", _("Choose your profession"))] + LearnerProfile.Profession.choices,
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=150, required=False)
    country = forms.CharField(label=_("Country"), max_length=80, initial="Finland")
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=[(code, local) for code, _name, local, _rtl in SITE_LANGUAGES],
    )

    privacy_consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my data is stored and used as it says."
        ),
        required=True,
        error_messages={"required": _("Tick the box to agree to the privacy notice.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = get_language()

    # allauth puts its e-mail and password fields around these; the template shows them in
    # this order, consent last, right above the button.
    FIELD_ORDER = (
        "email",
        "password1",
        "password2",
        "full_name",
        "profession",
        "organisation",
        "country",
        "preferred_language",
        "privacy_consent",
    )

    def fields_in_order(self):
        names = [name for name in self.FIELD_ORDER if name in self.fields]
        names += [name for name in self.fields if name not in self.FIELD_ORDER]
        return [self[name] for name in names if not self[name].is_hidden]

    def signup(self, request, user):
        LearnerProfile.objects.create(
            user=user,
            privacy_consent_at=timezone.now(),
            full_name=self.cleaned_data["full_name"],
            profession=self.cleaned_data["profession"],
            organisation=self.cleaned_data["organisation"],
            country=self.cleaned_data["country"],
            preferred_language=self.cleaned_data["preferred_language"],
        )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class CertificateForm(WagtailAdminModelForm):
    revoked = forms.BooleanField(label=_("Revoked"), required=False)

    class Meta:
        model = Certificate
        fields = ["revoked_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revoked"].initial = bool(self.instance.revoked_at)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("revoked") and not cleaned.get("revoked_reason"):
            self.add_error("revoked_reason", _("Give the reason for revoking."))
        return cleaned

    def save(self, commit=True):
        certificate = super().save(commit=False)
        if self.cleaned_data["revoked"] and not certificate.revoked_at:
            certificate.revoked_at = timezone.now()
        elif not self.cleaned_data["revoked"]:
            certificate.revoked_at = None
        if commit:
            certificate.save()
        return certificate


class CourseSettingsForm(WagtailAdminModelForm):
    class Meta:
        model = CourseSettings
        fields = [
            "course",
            "pass_mark_percent",
            "max_quiz_attempts",
            "quiz_questions_per_attempt",
            "certificate_valid_months",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CurriculumPage.objects.filter(
            online_course=True, alias_of__isnull=True
        ).order_by("path")
