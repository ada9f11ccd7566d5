"""Admin forms for recording training. Choices are scoped to what the user may see."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from courses.models.delivery import TRAINERS, Location


def offer_trainers(field):
    """Choose among active members of the Trainers group, as checkboxes."""
    field.queryset = (
        get_user_model()
        .objects.filter(groups__name=TRAINERS, is_active=True)
        .distinct()
        .order_by("username")
    )
    field.widget = forms.CheckboxSelectMultiple()


class TrainingSessionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from courses.models import CurriculumPage

        user = self.for_user
        if "location" in self.fields:
            self.fields["location"].queryset = Location.objects.for_user(user)
        if "curriculum" in self.fields:
            self.fields["curriculum"].queryset = CurriculumPage.objects.filter(
                alias_of__isnull=True
            ).order_by("path")
        if "trainers" in self.fields:
            offer_trainers(self.fields["trainers"])

    def clean(self):
        cleaned = super().clean()
        days = self.formsets.get("days")
        if days is not None and not any(
            form.cleaned_data and not form.cleaned_data.get("DELETE") for form in days.forms
        ):
            self.add_error(None, _("A session needs at least one day."))
        return cleaned


class ParticipantForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "location" in self.fields:
            self.fields["location"].queryset = Location.objects.for_user(self.for_user)
        if "name" in self.fields and not getattr(settings, "PDO_COLLECT_PARTICIPANT_NAMES", True):
            del self.fields["name"]


class LocationForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "trainers" in self.fields:
            offer_trainers(self.fields["trainers"])
