"""Import a case list into a session: upload, preview every row, then import all or nothing."""

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from courses.training import imports
from courses.training.access import record_access
from courses.training.models import DataAccess, Participant
from courses.training.views.attendance import SessionAdminMixin
from pdo_site import roles

SIGNING_SALT = "courses.import-participants"

Action, Subject = DataAccess.Action, DataAccess.Subject


class ImportParticipantsView(SessionAdminMixin, TemplateView):
    template_name = "training/admin/import_participants.html"
    page_title = gettext_lazy("Import participants")
    header_icon = "upload"

    def user_may_open(self, user):
        return roles.may_import_participants(user)

    def post(self, request, *args, **kwargs):
        if "payload" in request.POST:
            return self.confirm(request)
        uploaded = request.FILES.get("case_list")
        if uploaded is None:
            messages.error(request, _("Choose a file to import."))
            return self.render_to_response(self.get_context_data())
        try:
            rows = imports.parse(uploaded)
        except imports.ImportFileError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data())
        rows = imports.validate(rows, self.session, request.user)
        payload = signing.dumps(
            [{"line": row.line, "values": row.values} for row in rows],
            salt=SIGNING_SALT,
            compress=True,
        )
        return self.render_to_response(
            self.get_context_data(rows=rows, payload=payload, file_name=uploaded.name)
        )

    def confirm(self, request):
        try:
            data = signing.loads(request.POST["payload"], salt=SIGNING_SALT, max_age=3600)
        except signing.BadSignature:
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect(request.path)
        rows = [imports.ImportRow(line=item["line"], values=item["values"]) for item in data]
        # Validate again: the database may have changed since the preview.
        rows = imports.validate(rows, self.session, request.user)
        if any(row.errors for row in rows):
            messages.error(request, _("Nothing was imported: some rows are not valid."))
            return self.render_to_response(self.get_context_data(rows=rows))
        created, updated = imports.apply(rows, self.session)
        references = [row.values["case_reference"] for row in rows]
        ids = Participant.objects.filter(case_reference__in=references).values_list("pk", flat=True)
        record_access(
            request, Action.IMPORT, Subject.CASE_LIST, participant_ids=ids, session=self.session
        )
        messages.success(
            request,
            _("Imported %(created)d new and updated %(updated)d participants.")
            % {"created": created, "updated": updated},
        )
        return redirect(reverse("training:attendance", args=[self.session.pk]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = kwargs.get("rows") or []
        context.update(
            session=self.session,
            columns=imports.HEADERS,
            error_count=sum(1 for row in rows if row.errors),
            new_count=sum(1 for row in rows if row.is_new and not row.errors),
            update_count=sum(1 for row in rows if row.changes),
            tracks=imports.TRACKS,
        )
        return context
