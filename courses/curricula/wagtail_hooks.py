from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.curricula.forms import parse_languages
from courses.curricula.models import DestinationFacts, EditorLanguages, GlossaryTerm
from courses.curricula.translations.urls import TranslatePageMenuItem, translation_urls
from courses.curricula.views.translation_report import TranslationCoverageView
from pdo_site.reports import report_urls
from pdo_site.roles import may_open_translation_coverage


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "openquote"
    list_display = ["term", "key"]
    search_fields = ["term", "definition", "key"]


class DestinationFactsViewSet(SnippetViewSet):
    model = DestinationFacts
    icon = "site"
    list_display = ["destination", "emergency_number", "currency"]


class ReferenceViewSetGroup(SnippetViewSetGroup):
    items = (GlossaryTermViewSet, DestinationFactsViewSet)
    menu_icon = "openquote"
    menu_label = _("Reference")
    menu_name = "reference"


register_snippet(ReferenceViewSetGroup)


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = report_urls("translation-coverage", TranslationCoverageView, "translation_coverage")
    return [
        path(
            "reports/courses/",
            include((urls, "curricula_reports"), namespace="curricula_reports"),
        ),
        path(
            "translate/",
            include((translation_urls, "curricula_translation"), namespace="curricula_translation"),
        ),
    ]


@hooks.register("register_page_header_buttons")
def page_header_translate_button(page, user, view_name, next_url=None):
    yield TranslatePageMenuItem(page=page, priority=66)


@hooks.register("register_page_listing_more_buttons")
def page_listing_translate_button(page, user, next_url=None):
    yield TranslatePageMenuItem(page=page, priority=66)


class TranslationCoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return may_open_translation_coverage(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_coverage_menu_item():
    return TranslationCoverageMenuItem(
        _("Translation coverage"),
        reverse("curricula_reports:translation_coverage"),
        name="translation-coverage",
        icon_name="globe",
        order=150,
    )


def remember_editor_languages(request):
    """``?languages=ar,prs`` on the page editor's address: keep the author's choice."""
    asked = request.GET.get("languages")
    if asked is not None and request.user.is_authenticated:
        # The editor's form reads the choice through the user, in this same request.
        request.user.editor_languages = EditorLanguages.remember(
            request.user, parse_languages(asked)
        )


@hooks.register("before_edit_page")
def remember_languages_before_editing(request, page):
    remember_editor_languages(request)


@hooks.register("before_create_page")
def remember_languages_before_creating(request, parent_page, page_class):
    remember_editor_languages(request)


@hooks.register("insert_editor_js")
def editor_languages_js():
    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}"></script>',
        static("curricula/editor_languages.css"),
        static("curricula/editor_languages.js"),
    )
