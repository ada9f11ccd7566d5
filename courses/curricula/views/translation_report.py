"""Admin report "Translation coverage": curricula and modules × languages."""

import datetime

import django_filters

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BaseColumn, Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from courses.curricula.coverage import coverage_rows
from courses.curricula.models import CurriculumPage, ModulePage, TranslationStatus
from pdo_site.reports import DecoratedRowsMixin
from pdo_site.roles import may_open_translation_coverage
from pdo_site.translated_fields import SOURCE_LANGUAGE, TARGET_LANGUAGES

STATE_CHOICES = [
    ("missing", _("Not translated")),
    ("needs_review", _("Needs review")),
    ("translated", _("Translated and up to date")),
]


def curricula_for_filter(request):
    return CurriculumPage.objects.filter(alias_of__isnull=True).order_by("path")


class TranslationCoverageFilterSet(WagtailFilterSet):
    curriculum = django_filters.ModelChoiceFilter(
        label=_("Curriculum"),
        queryset=curricula_for_filter,
        empty_label=_("All curricula"),
        method="filter_curriculum",
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=[(code, get_language_info(code)["name_translated"]) for code in TARGET_LANGUAGES],
        empty_label=_("All languages"),
        method="filter_noop",
    )
    state = django_filters.ChoiceFilter(
        label=_("State in the chosen language"),
        choices=STATE_CHOICES,
        empty_label=_("Any"),
        method="filter_noop",
    )

    class Meta:
        model = Page
        fields = []

    def filter_curriculum(self, queryset, name, value):
        return queryset.filter(
            Q(pk=value.pk) | Q(path__startswith=value.path, depth=value.depth + 1)
        )

    def filter_noop(self, queryset, name, value):
        # Applied together in filter_queryset, where both values are known.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        language = self.form.cleaned_data.get("language")
        state = self.form.cleaned_data.get("state")
        if not (language and state):
            return queryset
        statuses = TranslationStatus.objects.filter(page=OuterRef("pk"))
        has_language = Exists(statuses.filter(language=language))
        stale = Exists(
            statuses.filter(language=language).exclude(
                source_digest__in=TranslationStatus.objects.filter(
                    page=OuterRef(OuterRef("pk")), language=SOURCE_LANGUAGE
                ).values("source_digest")
            )
        )
        if state == "missing":
            return queryset.filter(~has_language)
        if state == "needs_review":
            return queryset.filter(stale)
        return queryset.filter(has_language & ~stale)


class LanguageCoverageColumn(BaseColumn):
    cell_template_name = "curricula/reports/coverage_cell.html"

    def __init__(self, language, **kwargs):
        info = get_language_info(language)
        super().__init__(f"language_{language}", label=info["code"], **kwargs)
        self.language = language
        self.language_name = info["name_translated"]

    def get_header_context_data(self, parent_context):
        context = super().get_header_context_data(parent_context)
        context["title"] = self.language_name
        return context

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["cell"] = instance.coverage_cells[self.language]
        context["language"] = self.language
        context["language_name"] = self.language_name
        return context


class TranslationCoverageView(DecoratedRowsMixin, ReportView):
    page_title = _("Translation coverage")
    header_icon = "globe"
    template_name = "curricula/reports/translation_coverage.html"
    results_template_name = "curricula/reports/translation_coverage_results.html"
    filterset_class = TranslationCoverageFilterSet
    index_url_name = "curricula_reports:translation_coverage"
    index_results_url_name = "curricula_reports:translation_coverage_results"
    paginate_by = 50
    model = Page

    export_headings = {
        "title": _("Title"),
        "kind": _("Type"),
        "curriculum_title": _("Curriculum"),
        **{f"export_{code}": code for code in TARGET_LANGUAGES},
    }
    list_export = ["title", "kind", "curriculum_title"] + [f"export_{c}" for c in TARGET_LANGUAGES]

    def dispatch(self, request, *args, **kwargs):
        if not may_open_translation_coverage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Page.objects.type(CurriculumPage, ModulePage)
            .filter(alias_of__isnull=True)
            .order_by("path")
        )

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Title"),
                url_name="wagtailadmin_pages:edit",
                classname="title",
            ),
            Column("kind", label=_("Type")),
            Column("curriculum_title", label=_("Curriculum")),
        ] + [LanguageCoverageColumn(code) for code in TARGET_LANGUAGES]

    def decorate_rows(self, rows):
        return coverage_rows(rows)

    def get_filename(self):
        return f"translation-coverage-{datetime.date.today():%Y-%m-%d}"
