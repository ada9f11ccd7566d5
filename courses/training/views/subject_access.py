"""Training → Participants → Subject access and erasure, for programme managers.

The case reference travels in POST bodies only (never in a URL, so not in server logs),
and neither the messages nor the access log repeat it: they name the participant by id.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.training import privacy
from courses.training.access import client_address, record_access
from courses.training.models import DataAccess
from pdo_site import roles

Action, Subject = DataAccess.Action, DataAccess.Subject


class SubjectRequestForm(forms.Form):
    case_reference = forms.CharField(label=gettext_lazy("Case reference"), max_length=30)
    confirm_erase = forms.BooleanField(
        label=gettext_lazy(
            "I have checked the request: erase this participant's name, case reference and "
            "household everywhere. This cannot be undone."
        ),
        required=False,
    )


class SubjectAccessView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "training/admin/subject_access.html"
    page_title = gettext_lazy("Subject access and erasure")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not roles.may_handle_subject_requests(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("participant:index"), "label": _("Participants")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=SubjectRequestForm()))

    def post(self, request, *args, **kwargs):
        form = SubjectRequestForm(request.POST)
        participant = None
        if form.is_valid():
            reference = form.cleaned_data["case_reference"]
            participant = privacy.find_participant(reference, request.user)
            if participant is None:
                form.add_error(
                    "case_reference", _("No participant you may see has this case reference.")
                )
        if participant is None:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        action = request.POST.get("action", "find")
        if action == "erase":
            return self.erase(request, form, participant)
        if action in ("json", "pdf"):
            return self.export(request, participant, action)
        record_access(
            request,
            Action.VIEW,
            Subject.PARTICIPANT,
            participant_ids=[participant.pk],
            location_id=participant.location_id,
        )
        context = self.get_context_data(
            form=form, participant=participant, record=privacy.subject_record(participant)
        )
        return self.render_to_response(context)

    def export(self, request, participant, kind):
        if kind == "json":
            response = HttpResponse(
                privacy.subject_json(participant), content_type="application/json"
            )
        else:
            response = HttpResponse(
                privacy.subject_pdf(participant), content_type="application/pdf"
            )
        response["Content-Disposition"] = (
            f'attachment; filename="participant-{participant.pk}.{kind}"'
        )
        response["Cache-Control"] = "no-store"
        record_access(
            request,
            Action.EXPORT,
            Subject.PARTICIPANT,
            participant_ids=[participant.pk],
            location_id=participant.location_id,
        )
        return response

    def erase(self, request, form, participant):
        if not form.cleaned_data["confirm_erase"]:
            form.add_error("confirm_erase", _("Tick the box to confirm the erasure."))
            context = self.get_context_data(
                form=form, participant=participant, record=privacy.subject_record(participant)
            )
            return self.render_to_response(context, status=400)
        privacy.anonymise(
            [participant], Action.ERASE, user=request.user, address=client_address(request)
        )
        messages.success(
            request, _("Participant #%(id)s was erased everywhere.") % {"id": participant.pk}
        )
        return redirect("training:subject_access")
