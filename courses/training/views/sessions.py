"""Admin views for locations, training sessions and participants.

Every view that shows or changes one object looks it up through
``Model.objects.for_user(request.user)``: a record outside the user's locations
answers 404, as if it did not exist. Listings and exports use the same scoping.
"""

import django_filters

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from courses.curricula.choices import Destination
from courses.training.access import record_access
from courses.training.forms import LocationForm, ParticipantForm, TrainingSessionForm
from courses.training.models import DataAccess, Location, Participant, TrainingSession
from pdo_site import roles

Action, Subject = DataAccess.Action, DataAccess.Subject


class ScopedObjectMixin:
    """Look objects up among those the user may see (edit, delete, inspect, copy)."""

    def get_queryset(self):
        return self.model._default_manager.for_user(self.request.user)


class ScopedBaseObjectMixin:
    """The same for views built on Wagtail's BaseObjectMixin (history, usage)."""

    def get_base_object_queryset(self):
        return self.model._default_manager.for_user(self.request.user)


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().for_user(self.request.user)


class TrainingSessionIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("curriculum", "location")
            .annotate(participant_count=Count("enrolments", distinct=True))
            .prefetch_related("days")
        )


class ParticipantIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("location")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if roles.may_handle_subject_requests(self.request.user):
            buttons = [
                *buttons,
                HeaderButton(
                    label=_("Subject access and erasure"),
                    url=reverse("training:subject_access"),
                    icon_name="user",
                ),
            ]
        return buttons

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200:
            if self.is_export:
                action, ids = Action.EXPORT, self.object_list.values_list("pk", flat=True)
            else:
                action, ids = Action.VIEW, [p.pk for p in response.context_data["object_list"]]
            record_access(request, action, Subject.PARTICIPANTS, participant_ids=ids)
        return response


class AuditedParticipantMixin:
    """One participant's page seen (GET) or changed (a POST that saved): recorded."""

    done_action = Action.CHANGE

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        pk = self.kwargs.get("pk")
        if request.method == "GET" and response.status_code == 200:
            action = Action.VIEW
        elif request.method == "POST" and response.status_code == 302:
            action = self.done_action
        else:
            return response
        location = getattr(getattr(self, "object", None), "location_id", None)
        record_access(
            request, action, Subject.PARTICIPANT, participant_ids=[pk], location_id=location
        )
        return response


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            self.model._default_manager.for_user(self.request.user), pk=self.pk
        )


class ScopedCopyView(generic.CopyView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            self.model._default_manager.for_user(self.request.user),
            pk=self.kwargs[self.pk_url_kwarg],
        )


class ParticipantEditView(AuditedParticipantMixin, ScopedEditView):
    pass


class ParticipantInspectView(AuditedParticipantMixin, ScopedInspectView):
    pass


class ParticipantDeleteView(AuditedParticipantMixin, ScopedDeleteView):
    done_action = Action.DELETE


class ScopedHistoryView(ScopedBaseObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(ScopedBaseObjectMixin, usage.UsageView):
    pass


class TrainingSessionEditView(ScopedEditView):
    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                label=_("Attendance sheet"),
                url=reverse("training:attendance", args=[self.object.pk]),
                icon_name="tasks",
            ),
            HeaderButton(
                label=_("Print attendance sheet"),
                url=reverse("training:attendance_pdf", args=[self.object.pk]),
                icon_name="doc-full",
            ),
            HeaderButton(
                label=_("Import participants"),
                url=reverse("training:import_participants", args=[self.object.pk]),
                icon_name="upload",
            ),
        ] + super().header_buttons


class ScopedModelViewSet(ModelViewSet):
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    copy_view_class = ScopedCopyView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False


class LocationViewSet(ScopedModelViewSet):
    model = Location
    url_prefix = "training/locations"
    icon = "site"
    menu_order = 300
    list_display = ["site_name", "country", "kind", "time_zone"]
    list_filter = ["country", "kind"]
    search_fields = ["site_name", "country"]
    list_export = ["site_name", "country", "kind", "time_zone"]

    def get_form_class(self, for_update=False):
        return LocationForm


class TrainingSessionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TrainingSession.Status.choices, empty_label=_("Any")
    )
    destination = django_filters.ChoiceFilter(
        label=_("Destination"), choices=Destination.choices, empty_label=_("Any")
    )
    location = django_filters.ModelChoiceFilter(
        label=_("Location"),
        queryset=lambda request: Location.objects.for_user(request.user),
        empty_label=_("Any"),
    )
    first_day = django_filters.DateFromToRangeFilter(
        label=_("First day"), widget=DateRangePickerWidget
    )

    class Meta:
        model = TrainingSession
        fields = ["status", "destination", "location", "first_day"]


class ParticipantFilterSet(WagtailFilterSet):
    location = django_filters.ModelChoiceFilter(
        label=_("Location"),
        queryset=lambda request: Location.objects.for_user(request.user),
        empty_label=_("Any"),
    )

    class Meta:
        model = Participant
        fields = ["sex", "destination", "nationality", "location"]


class TrainingSessionViewSet(ScopedModelViewSet):
    model = TrainingSession
    url_prefix = "training/sessions"
    index_view_class = TrainingSessionIndexView
    edit_view_class = TrainingSessionEditView
    icon = "date"
    menu_order = 100
    filterset_class = TrainingSessionFilterSet
    # Not the notes: they are encrypted (models/encrypted.py), a search would find nothing.
    search_fields = ["location__site_name", "curriculum__title"]
    list_export = [
        "curriculum",
        "location",
        "first_day",
        "status",
        "destination",
        "delivery_language",
        "hours_delivered",
        "participant_count",
    ]
    export_headings = {
        "hours_delivered": _("Hours delivered"),
        "participant_count": _("Participants"),
    }
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("curriculum"),
                    FieldRowPanel([FieldPanel("location"), FieldPanel("destination")]),
                    FieldRowPanel([FieldPanel("delivery_language"), FieldPanel("status")]),
                    FieldPanel("interpreters"),
                ],
                heading=_("Session"),
            ),
            InlinePanel("days", heading=_("Days"), label=_("Day"), min_num=1),
            FieldPanel("trainers"),
            FieldPanel("notes"),
        ],
        base_form_class=TrainingSessionForm,
    )

    @property
    def list_display(self):
        return [
            TitleColumn(
                "curriculum",
                label=_("Curriculum"),
                url_name=self.get_url_name("edit"),
                accessor="curriculum.title",
            ),
            Column("location", label=_("Location")),
            Column("first_day", label=_("First day")),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column("participant_count", label=_("Participants")),
        ]


class ParticipantViewSet(ScopedModelViewSet):
    model = Participant
    url_prefix = "training/participants"
    index_view_class = ParticipantIndexView
    edit_view_class = ParticipantEditView
    inspect_view_class = ParticipantInspectView
    delete_view_class = ParticipantDeleteView
    icon = "user"
    menu_order = 200
    list_display = [
        "case_reference",
        "household",
        "sex",
        "year_of_birth",
        "nationality",
        "location",
    ]
    filterset_class = ParticipantFilterSet
    search_fields = ["case_reference", "household"]
    list_export = [
        "case_reference",
        "household",
        "sex",
        "year_of_birth",
        "nationality",
        "preferred_language",
        "destination",
        "location",
    ]

    def get_form_class(self, for_update=False):
        return ParticipantForm


class TrainingViewSetGroup(ModelViewSetGroup):
    menu_label = _("Training")
    menu_icon = "group"
    menu_order = 250
    items = (TrainingSessionViewSet, ParticipantViewSet, LocationViewSet)
