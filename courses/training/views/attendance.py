"""The attendance sheet: participants × days, one save."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.training.access import record_access
from courses.training.attendance import (
    build_sheet,
    enrol_registered,
    read_sheet,
    save_sheet,
    sheet_with_conflicts,
)
from courses.training.attendance_sheets import render_attendance_sheet, sheet_code
from courses.training.models import Attendance, DataAccess, Enrolment, TrainingSession
from pdo_site import roles


class SessionAdminMixin(WagtailAdminTemplateMixin):
    """A view about one training session the user may see; others answer 404."""

    def user_may_open(self, user):
        return roles.may_record_attendance(user)

    def dispatch(self, request, pk, *args, **kwargs):
        if not self.user_may_open(request.user):
            raise PermissionDenied
        self.session = get_object_or_404(
            TrainingSession.objects.for_user(request.user).select_related("curriculum", "location"),
            pk=pk,
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.session)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("trainingsession:index"), "label": _("Training sessions")},
            {
                "url": reverse("trainingsession:edit", args=[self.session.pk]),
                "label": str(self.session),
            },
            {"url": "", "label": self.get_page_title()},
        ]


Action, Subject = DataAccess.Action, DataAccess.Subject


class AttendanceSheetView(SessionAdminMixin, TemplateView):
    template_name = "training/admin/attendance_sheet.html"
    page_title = gettext_lazy("Attendance sheet")
    header_icon = "tasks"

    def get(self, request, *args, **kwargs):
        sheet = build_sheet(self.session)
        self.record(Action.VIEW, sheet)
        return self.render_to_response(self.get_context_data(sheet=sheet))

    def record(self, action, sheet):
        ids = [row.enrolment.participant_id for row in sheet.rows]
        record_access(
            self.request, action, Subject.SHEET, participant_ids=ids, session=self.session
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "save")
        if action == "add_participant":
            return self.add_participant(request)
        mark_all_present = action == "mark_all_present"
        sheet = read_sheet(self.session, request.POST, mark_all_present=mark_all_present)
        if any(row.errors for row in sheet.rows):
            messages.error(request, _("Nothing was saved: correct the marked rows."))
            return self.render_to_response(self.get_context_data(sheet=sheet))
        result = save_sheet(self.session, sheet, mark_all_present=mark_all_present)
        self.record(Action.RECORD, sheet)
        if result.conflicts:
            messages.warning(
                request,
                ngettext(
                    "Your other changes are saved. %(count)d cell was changed by someone else "
                    "since you opened the sheet: it shows both values. Choose and save again.",
                    "Your other changes are saved. %(count)d cells were changed by someone else "
                    "since you opened the sheet: they show both values. Choose and save again.",
                    result.conflicts,
                )
                % {"count": result.conflicts},
            )
            context = self.get_context_data(sheet=sheet_with_conflicts(self.session, sheet))
            return self.render_to_response(context, status=409)
        messages.success(request, _("Attendance saved."))
        return redirect(request.path)

    def add_participant(self, request):
        reference = request.POST.get("case_reference", "").strip().upper()
        enrolment, created = enrol_registered(self.session, request.user, reference)
        if enrolment is None:
            messages.error(
                request,
                _("No participant %(reference)s is registered at this location.")
                % {"reference": reference},
            )
        elif created:
            messages.success(
                request,
                _("%(reference)s added as row %(number)d.")
                % {"reference": reference, "number": enrolment.number},
            )
        else:
            messages.info(
                request, _("%(reference)s is already on the sheet.") % {"reference": reference}
            )
        return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            session=self.session,
            statuses=Attendance.Status.choices,
            tracks=dict(Enrolment.Track.choices),
            show_names=roles.may_see_participant_names(self.request.user),
        )
        return context


class AttendanceSheetPdfView(SessionAdminMixin, TemplateView):
    """The blank paper sheet for the session, in the same row order as the screen."""

    def user_may_open(self, user):
        return roles.may_print_attendance_sheets(user)

    def get(self, request, *args, **kwargs):
        response = HttpResponse(
            render_attendance_sheet(self.session, request), content_type="application/pdf"
        )
        ids = self.session.enrolments.values_list("participant_id", flat=True)
        record_access(
            request, Action.EXPORT, Subject.SHEET_PDF, participant_ids=ids, session=self.session
        )
        response["Content-Disposition"] = (
            f'inline; filename="attendance-{sheet_code(self.session)}.pdf"'
        )
        return response
