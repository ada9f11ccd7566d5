"""Admin forms for recording training. Choices are scoped to what the user may see."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from courses.curricula.models import CurriculumPage
from courses.training import summaries
from courses.training.models import Location, Participant, TrainingSession
from pdo_site.roles import TRAINERS


def offer_trainers(field, first_at=None):
    """Choose among active members of the Trainers group, as checkboxes; those assigned
    to the location ``first_at`` come first."""
    trainers = get_user_model().objects.filter(groups__name=TRAINERS, is_active=True).distinct()
    if first_at is not None:
        assigned = Location.trainers.through.objects.filter(
            location_id=first_at, user_id=OuterRef("pk")
        )
        trainers = trainers.annotate(assigned=Exists(assigned)).order_by("-assigned", "username")
    else:
        trainers = trainers.order_by("username")
    # The widget first: assigning the queryset gives the widget its choices.
    field.widget = forms.CheckboxSelectMultiple()
    field.queryset = trainers


class TrainingSessionForm(WagtailAdminModelForm):
    """A session with its days (inline). Saving keeps the report summaries current."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        location_id = self.instance.location_id
        if "location" in self.fields:
            locations = Location.objects.for_user(user)
            self.fields["location"].queryset = locations
            own = list(locations.values_list("pk", flat=True)[:2])
            if not self.instance.pk and len(own) == 1:
                # A trainer at one location records sessions there.
                self.fields["location"].initial = location_id = own[0]
        if "curriculum" in self.fields:
            # A plain list: there are a handful of curricula, and a page chooser (a modal
            # over the page tree) is a detour for a trainer recording a session.
            self.fields["curriculum"].widget = forms.Select()
            self.fields["curriculum"].queryset = CurriculumPage.objects.filter(
                alias_of__isnull=True
            ).order_by("path")
        if "trainers" in self.fields:
            offer_trainers(self.fields["trainers"], first_at=location_id)
            offered = self.fields["trainers"].queryset
            if not self.instance.pk and user and offered.filter(pk=user.pk).exists():
                self.fields["trainers"].initial = [user.pk]

    def clean(self):
        cleaned = super().clean()
        days = self.formsets.get("days")
        # The days are validated apart from this form: ask them first (their own errors
        # show on the days), then count the ones kept.
        if days is not None and days.is_valid():
            kept = [
                form
                for form in days.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            if not kept:
                self.add_error(None, _("A session needs at least one day."))
        return cleaned

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        previous_curriculum_id = (
            TrainingSession.objects.filter(pk=self.instance.pk)
            .values_list("curriculum_id", flat=True)
            .first()
        )
        with transaction.atomic():
            session = super().save(commit=True)
            session.days_saved()
            summaries.session_saved(session, previous_curriculum_id)
        return session


class ParticipantForm(WagtailAdminModelForm):
    class Meta:
        model = Participant
        fields = [
            "case_reference",
            "household",
            "name",
            "sex",
            "year_of_birth",
            "nationality",
            "preferred_language",
            "destination",
            "location",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "location" in self.fields:
            self.fields["location"].queryset = Location.objects.for_user(self.for_user)
        if "name" in self.fields and not settings.PDO_COLLECT_PARTICIPANT_NAMES:
            del self.fields["name"]

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        with transaction.atomic():
            participant = super().save(commit=True)
            summaries.participants_changed([participant.pk])
        return participant


class LocationForm(WagtailAdminModelForm):
    class Meta:
        model = Location
        fields = ["country", "site_name", "kind", "time_zone", "trainers"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "trainers" in self.fields:
            offer_trainers(self.fields["trainers"], first_at=self.instance.pk)
