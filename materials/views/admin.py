"""Admin views: a page's PDFs in every language, and offline packs."""

import tempfile

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from materials import documents, offline_pack, tasks
from materials.models import PaperSize, RenderedDocument, Variant, default_paper_size
from materials.printable import is_printable, offline_pack_pages
from materials.views.public import pdf_response


def language_choices():
    return [
        (code, f"{get_language_info(code)['name_local']} ({code})")
        for code, _name in settings.LANGUAGES
    ]


def printable_page(page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not is_printable(page):
        raise Http404("This page has no PDFs")
    return page


def check_choice(page, language, variant):
    """404 unless the page is published and the language and variant exist."""
    if language not in dict(settings.LANGUAGES) or variant not in Variant.values or not page.live:
        raise Http404("No such document")


class PageDocumentsView(WagtailAdminTemplateMixin, TemplateView):
    """Every PDF of one page: language × variant, with status, download and (re)build."""

    template_name = "materials/admin/page_documents.html"
    header_icon = "doc-full"
    page_title = gettext_lazy("Print / PDF")

    def dispatch(self, request, page_id):
        self.page = printable_page(page_id)
        # Anyone in the admin may read and download a page's PDFs (trainers print them);
        # building and rebuilding is for those who may edit the page.
        self.may_build = self.page.permissions_for_user(request.user).can_edit()
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paper_size = default_paper_size()
        rows, pending = [], False
        if self.page.live:
            content_key, _revision = documents.version_of(self.page)
            existing = {
                (d.language, d.variant): d
                for d in RenderedDocument.objects.filter(
                    page=self.page, content_key=content_key, paper_size=paper_size
                )
            }
            translated = set(documents.languages_with_content(self.page))
            for code, label in language_choices():
                cells = []
                for variant in Variant:
                    document = existing.get((code, variant.value))
                    pending = pending or bool(document and document.is_pending)
                    cells.append({"variant": variant, "document": document})
                rows.append(
                    {"code": code, "label": label, "translated": code in translated, "cells": cells}
                )
        context.update(
            page=self.page,
            may_build=self.may_build,
            rows=rows,
            pending=pending,
            paper_size=PaperSize(paper_size).label,
            offline_pack_url=(
                reverse("materials_admin:offline_pack")
                + "?"
                + urlencode({"curriculum": self.page.pk})
                if self.page.makes_offline_pack
                else ""
            ),
        )
        return context

    def post(self, request, page_id):
        if not self.may_build:
            raise PermissionDenied
        language, variant = request.POST.get("language"), request.POST.get("variant")
        check_choice(self.page, language, variant)
        document = tasks.request_document(self.page, language, variant)
        if request.POST.get("action") == "rebuild" and not document.is_pending:
            document.delete()
            document = tasks.request_document(self.page, language, variant)
        # Also takes back a build whose worker died, and gives a task to a queued
        # document that lost its own; a build in progress is left to finish.
        tasks.retry(document)
        messages.success(request, _("The PDF is queued. This page shows when it is ready."))
        return redirect("materials_admin:page_documents", self.page.pk)


def download_document(request, page_id, language, variant):
    """A ready PDF of the page, or back to the list with the PDF queued."""
    page = printable_page(page_id)
    check_choice(page, language, variant)
    document = tasks.request_document(page, language, variant)
    if document.is_ready:
        return pdf_response(request, document, page)
    messages.info(request, _("The PDF is not ready yet; it has been queued."))
    return redirect("materials_admin:page_documents", page.pk)


class OfflinePackForm(forms.Form):
    curriculum = forms.ModelChoiceField(
        label=gettext_lazy("Curriculum"),
        queryset=Page.objects.none(),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    variants = forms.MultipleChoiceField(
        label=gettext_lazy("Documents"),
        choices=Variant.choices,
        initial=Variant.values,
        widget=forms.CheckboxSelectMultiple,
    )
    paper_size = forms.ChoiceField(
        label=gettext_lazy("Paper size"), choices=PaperSize.choices, initial=default_paper_size
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["curriculum"].queryset = offline_pack_pages().specific()

    def entries(self):
        data = self.cleaned_data
        return offline_pack.pack_entries(data["curriculum"], data["languages"], data["variants"])


class OfflinePackMixin(WagtailAdminTemplateMixin):
    header_icon = "download"
    page_title = gettext_lazy("Offline pack")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]


class OfflinePackView(OfflinePackMixin, FormView):
    """Choose a curriculum and languages; then wait for the pack and download it."""

    template_name = "materials/admin/offline_pack.html"
    form_class = OfflinePackForm

    def get_initial(self):
        return {"curriculum": self.request.GET.get("curriculum")}

    def form_valid(self, form):
        data = form.cleaned_data
        query = urlencode(
            {
                "curriculum": data["curriculum"].pk,
                "languages": data["languages"],
                "variants": data["variants"],
                "paper_size": data["paper_size"],
            },
            doseq=True,
        )
        return redirect(reverse("materials_admin:offline_pack_download") + "?" + query)


class OfflinePackDownloadView(OfflinePackMixin, TemplateView):
    """The ZIP once all its PDFs are built; until then, how many are ready (refreshing)."""

    template_name = "materials/admin/offline_pack_progress.html"

    def get(self, request):
        form = OfflinePackForm(request.GET)
        if not form.is_valid():
            return redirect("materials_admin:offline_pack")
        data = form.cleaned_data
        entries = form.entries()
        ready = offline_pack.request_pack(entries, data["paper_size"])
        if ready < len(entries):
            context = self.get_context_data(
                curriculum=data["curriculum"], ready=ready, total=len(entries)
            )
            response = self.render_to_response(context)
            response["Cache-Control"] = "no-store"
            return response
        # FileResponse closes the archive once it is sent.
        archive = tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024)  # noqa: SIM115
        offline_pack.write_pack(data["curriculum"], entries, archive)
        archive.seek(0)
        filename = offline_pack.pack_filename(
            data["curriculum"], data["languages"], data["paper_size"]
        )
        return FileResponse(
            archive, as_attachment=True, filename=filename, content_type="application/zip"
        )
