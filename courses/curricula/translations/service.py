"""Reading and saving one page's translation: shared by the translation view and the
import of translator files."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation

from wagtail.models import Page, WorkflowState

from courses.curricula.translations.segments import (
    apply_translations,
    english_when_translated,
    mark_stale,
    page_segments,
)
from pdo_site.translated_fields import TARGET_LANGUAGES


def translatable_page(page_id, user, language=None):
    """The page's latest version (draft included), if ``user`` may edit it.

    404 for a page without translatable content or an unknown language; 403 without
    edit permission for that page.
    """
    page = get_object_or_404(Page, pk=page_id).specific
    if not getattr(page, "translated_content_fields", ()) or page.alias_of_id:
        raise Http404("This page is not translated here")
    if language is not None and language not in TARGET_LANGUAGES:
        raise Http404("No such language")
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied
    return page.get_latest_revision_as_object()


def segments_with_state(page, language):
    segments = page_segments(page, language)
    mark_stale(segments, english_when_translated(page, language))
    return segments


def language_name(language):
    return translation.get_language_info(language)["name_local"]


def language_direction(language):
    return "rtl" if language in settings.LANGUAGES_BIDI else "ltr"


def save_translation(page, language, texts, user):
    """Write ``texts`` into ``page``'s ``language`` fields as a new draft revision."""
    # Under the source language: Page.full_clean fills the active language's slug.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        apply_translations(page, language, texts)
        return page.save_revision(user=user, log_action=True)


def submit_for_review(page, user):
    """Start (or resume) the page's review workflow, as the editor's "Submit" does.

    Returns False when the page has no workflow or is already in review.
    """
    workflow = page.get_workflow()
    if workflow is None:
        return False
    state = page.current_workflow_state
    if state is None:
        workflow.start(page, user)
        return True
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return True
    return False
