"""Admin views: the languages of a page, and the translation view of one language."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.curricula.models import CurriculumPage
from courses.curricula.translations.checks import problems
from courses.curricula.translations.file_views import ExportForm
from courses.curricula.translations.memory import offer_suggestions
from courses.curricula.translations.segments import (
    DONE,
    MISSING,
    STALE,
    gone_blocks,
)
from courses.curricula.translations.service import (
    language_direction,
    language_name,
    save_translation,
    segments_with_state,
    submit_for_review,
    translatable_page,
)
from pdo_site.translated_fields import TARGET_LANGUAGES


class PageTranslationMixin(WagtailAdminTemplateMixin):
    header_icon = "globe"

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]


class PageLanguagesView(PageTranslationMixin, TemplateView):
    """Every target language of a page: how many texts are missing or need review."""

    template_name = "curricula/translation/page_languages.html"
    page_title = gettext_lazy("Translate")

    def dispatch(self, request, page_id):
        self.page = translatable_page(page_id, request.user)
        return super().dispatch(request, page_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for code in TARGET_LANGUAGES:
            states = [s.state for s in segments_with_state(self.page, code)]
            rows.append(
                {
                    "code": code,
                    "name": language_name(code),
                    "missing": states.count(MISSING),
                    "stale": states.count(STALE),
                    "done": states.count(DONE),
                }
            )
        context.update(
            page=self.page,
            rows=rows,
            export_form=ExportForm(),
            is_curriculum=isinstance(self.page, CurriculumPage),
        )
        return context


class TranslationView(PageTranslationMixin, TemplateView):
    """The English texts of a page in order, each beside an input for one language.

    Saving writes the language's fields as a draft revision; "submit" also sends it
    into the review workflow. Structure follows the English body.
    """

    template_name = "curricula/translation/translate.html"

    def dispatch(self, request, page_id, language):
        self.page = translatable_page(page_id, request.user, language)
        self.language = language
        self.segments = segments_with_state(self.page, language)
        for segment in self.segments:
            segment.entry = segment.target if segment.state != MISSING else ""
        return super().dispatch(request, page_id, language)

    def get_page_title(self):
        return _("Translate into %(language)s") % {"language": language_name(self.language)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offer_suggestions(self.segments, self.language)
        states = [s.state for s in self.segments]
        context.update(
            page=self.page,
            language=self.language,
            direction=language_direction(self.language),
            segments=self.segments,
            gone=gone_blocks(self.page, self.language),
            missing_count=states.count(MISSING),
            stale_count=states.count(STALE),
            in_review=self.page.current_workflow_state is not None,
        )
        return context

    def post(self, request, page_id, language):
        texts, invalid = {}, 0
        for segment in self.segments:
            segment.entry = request.POST.get(f"t-{segment.key}", "")
            segment.errors = problems(segment, segment.entry)
            invalid += bool(segment.errors)
            texts[segment.key] = segment.entry
        if invalid:
            messages.error(
                request,
                _("Nothing was saved: correct the texts marked below."),
            )
            return self.render_to_response(self.get_context_data())
        try:
            save_translation(self.page, language, texts, request.user)
        except ValidationError as error:
            messages.error(request, _("Nothing was saved: %(error)s") % {"error": error})
            return self.render_to_response(self.get_context_data())
        if request.POST.get("action") == "submit" and submit_for_review(self.page, request.user):
            messages.success(request, _("The translation is saved and submitted for review."))
        else:
            messages.success(request, _("The translation is saved as a draft."))
        return redirect("curricula_translation:translate", self.page.pk, language)
