"""Admin views for translator files: download (XLIFF/PO) and upload with a preview."""

import base64
import binascii

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.curricula.translations.files import (
    TranslationFileError,
    apply_import,
    export_file,
    plan_import,
)
from courses.curricula.translations.service import language_name, translatable_page
from pdo_site.translated_fields import TARGET_LANGUAGES

MAX_FILE_BYTES = 2 * 1024 * 1024
CONTENT_TYPES = {"xliff": "application/xliff+xml", "po": "text/x-gettext-translation"}


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"))
    file_format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("xliff", "XLIFF 2.0"), ("po", "PO (gettext)")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, f"{language_name(code)} ({code})") for code in TARGET_LANGUAGES
        ]


def export_translations(request, page_id):
    """The missing and stale texts of a page (a curriculum: with its modules) as a file."""
    page = translatable_page(page_id, request.user)
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose a language and a format."))
        return redirect("curricula_translation:languages", page.pk)
    language, file_format = form.cleaned_data["language"], form.cleaned_data["file_format"]
    content = export_file(page, language, file_format)
    extension = "xlf" if file_format == "xliff" else "po"
    content_type = CONTENT_TYPES[file_format]
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    filename = f"{slugify(page.slug) or page.pk}-{language}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ImportForm(forms.Form):
    translation_file = forms.FileField(
        label=gettext_lazy("Translated file (.xlf or .po)"), required=False
    )
    payload = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("translation_file")
        if upload:
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError(_("The file is larger than 2 MB."))
            data["content"], data["name"] = upload.read(), upload.name
        elif data.get("payload"):
            try:
                data["content"] = base64.b64decode(data["payload"], validate=True)
            except (binascii.Error, ValueError) as error:
                raise forms.ValidationError(_("Upload the file again.")) from error
            data["name"] = ""
        else:
            raise forms.ValidationError(_("Choose a file to upload."))
        return data


class ImportTranslationsView(WagtailAdminTemplateMixin, FormView):
    """Upload a translated file, see what changes, then confirm: all texts or none."""

    template_name = "curricula/translation/import.html"
    form_class = ImportForm
    header_icon = "globe"
    page_title = gettext_lazy("Import a translated file")

    def form_valid(self, form):
        content, name = form.cleaned_data["content"], form.cleaned_data["name"]
        try:
            language, changes, errors = plan_import(content, name, self.request.user)
        except TranslationFileError as error:
            form.add_error("translation_file", str(error))
            return self.form_invalid(form)
        errors += [e for change in changes for e in change.errors]
        confirmed = (
            not form.cleaned_data.get("translation_file")
            and self.request.POST.get("action") == "confirm"
        )
        if confirmed and changes and not errors:
            pages = apply_import(language, changes, self.request.user)
            messages.success(
                self.request,
                _("Texts saved as drafts: %(count)d (%(pages)s). Submit them for review.")
                % {"count": len(changes), "pages": ", ".join(p.title for p in pages)},
            )
            return redirect("curricula_translation:import")
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(),
                language=language,
                language_name=language_name(language) if language in TARGET_LANGUAGES else "",
                changes=changes,
                errors=errors,
                payload=base64.b64encode(content).decode("ascii"),
            )
        )
