"""The cache of rendered PDFs: which version of a page a document shows, finding or
queueing it, and building it.

A document is identified by (page, content key, language, variant, paper size). The
content key changes whenever something printed in it is published again, so a new
revision gets a new document and an old PDF is never served for new content.
"""

import hashlib
import logging
import time
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page

from courses.coverage import SOURCE, field_value, is_filled
from courses.models import ModulePage
from materials import rendering
from materials.models import RenderedDocument, Variant, default_paper_size

logger = logging.getLogger(__name__)

# django-tasks priorities: someone waiting on a progress page goes before the
# rebuilds that publishing queues.
PRIORITY_WAITING = 50
PRIORITY_PUBLISHED = 0
LOST_TASK_AFTER = timedelta(minutes=10)


def is_printable(page):
    from materials.printable import PrintablePageMixin

    return isinstance(page, PrintablePageMixin)


def revision_ids(pages):
    """{page id: revision shown} for a queryset of pages, read from the database.

    Aliases have no revisions of their own: they show their original's live revision.
    """
    rows = pages.values_list("pk", "alias_of_id", "live_revision_id", "alias_of__live_revision_id")
    return {pk: original if alias_of else own for pk, alias_of, own, original in rows}


def version_of(page):
    """(content key, revision id) of what a document of ``page`` would show now.

    A module's documents show the module and its curriculum's title and destination;
    a curriculum's show the curriculum and all of its live modules in order. Read from
    the database, not from ``page``, which may be an older copy.
    """
    revision_id = revision_ids(Page.objects.filter(pk=page.pk)).get(page.pk)
    parts = [f"layout-{rendering.LAYOUT_VERSION}", f"{page.pk}:{revision_id}"]
    if rendering.is_curriculum(page):
        modules = revision_ids(ModulePage.objects.child_of(page).live().public())
        parts += [f"{pk}:{revision}" for pk, revision in modules.items()]
    else:
        parent = revision_ids(Page.objects.filter(path=page.path[: -Page.steplen]))
        parts += [f"in {pk}:{revision}" for pk, revision in parent.items()]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]
    return digest, revision_id


def languages_with_content(page):
    """The source language and every language the page (or its modules) is translated into."""
    pages = [page, *rendering.modules_of(page)] if rendering.is_curriculum(page) else [page]
    return [
        code
        for code, _name in settings.LANGUAGES
        if code == SOURCE
        or any(
            is_filled(field_value(p, field, code))
            for p in pages
            for field in p.translated_content_fields
        )
    ]


def enqueue_render(document, priority):
    from materials.tasks import render_document

    # After commit, so the worker finds the row; robust, so a queue outage never
    # turns a publish or a page view into an error.
    transaction.on_commit(
        partial(render_document.using(priority=priority).enqueue, document.pk), robust=True
    )


def request_document(page, language, variant, paper_size=None, *, waiting=True, queue=True):
    """The document of the current version, queued for rendering if it is new.

    ``waiting``: someone is waiting for it (a progress page), so it goes before the
    rebuilds that publishing queued. ``queue=False`` leaves the rendering to the caller.
    Safe to call any number of times, from any number of processes: the unique
    constraint and get_or_create make every caller find the same row.
    """
    paper_size = paper_size or default_paper_size()
    content_key, revision_id = version_of(page)
    document, created = RenderedDocument.objects.get_or_create(
        page=page,
        content_key=content_key,
        language=language,
        variant=variant,
        paper_size=paper_size,
        defaults={"revision_id": revision_id, "requested_at": timezone.now() if waiting else None},
    )
    if queue and created:
        enqueue_render(document, PRIORITY_WAITING if waiting else PRIORITY_PUBLISHED)
    elif queue and waiting:
        hurry(document)
    return document


def hurry(document):
    """Someone waits for a document that publishing queued: put it first in line.

    The extra task is harmless: whichever task comes second finds the document built.
    Documents made by commands have no task at all until someone asks for them.
    """
    now = timezone.now()
    if document.status != RenderedDocument.Status.QUEUED:
        return
    # Asked for again after a long wait: the task may have been lost with a worker.
    if document.requested_at is None or now - document.requested_at > LOST_TASK_AFTER:
        document.requested_at = now
        document.save(update_fields=["requested_at"])
        enqueue_render(document, PRIORITY_WAITING)


def retry(document):
    if document.status == RenderedDocument.Status.FAILED:
        document.requeue()
        enqueue_render(document, PRIORITY_WAITING)


def download_filename(document, page):
    slug = slugify(getattr(page, "slug_en", "") or page.slug) or f"page-{page.pk}"
    return f"{slug}-{document.language}-{document.variant}.pdf"


def expected_seconds(document):
    """How long the document will probably take: the last build of the same page and variant."""
    last = (
        RenderedDocument.objects.ready()
        .filter(page_id=document.page_id, variant=document.variant)
        .exclude(render_seconds=None)
        .order_by("-finished_at")
        .values_list("render_seconds", flat=True)
        .first()
    )
    return last or 5.0


def build_document(document):
    """Render a queued document now, in this process. Returns it, or None if superseded.

    Does nothing when the document is ready or another worker is rendering it.
    """
    from materials import pdf  # WeasyPrint: loaded only where documents are rendered

    if document.is_ready or not document.claim():
        return document
    page = document.page.specific
    content_key, revision_id = version_of(page)
    if content_key != document.content_key or not page.live:
        # Published again (or unpublished) since this was queued: the newer version
        # has a document of its own, so this one would never be served.
        document.delete()
        return None
    started = time.monotonic()
    try:
        html = rendering.render_html(
            page, document.variant, document.language, revision_id, document.paper_size
        )
        content, page_count = pdf.html_to_pdf(html, rendering.site_base_url(page))
    except Exception as error:
        logger.exception("Rendering document %s failed", document.pk)
        document.status = RenderedDocument.Status.FAILED
        document.error = f"{type(error).__name__}: {error}"
        document.finished_at = timezone.now()
        document.save(update_fields=["status", "error", "finished_at"])
        raise
    document.file.save(download_filename(document, page), ContentFile(content), save=False)
    document.status = RenderedDocument.Status.READY
    document.page_count = page_count
    document.render_seconds = round(time.monotonic() - started, 3)
    document.finished_at = timezone.now()
    document.save()
    remove_superseded(document)
    return document


def remove_superseded(document):
    """Delete the older versions of a document once the new one is ready (files too)."""
    RenderedDocument.objects.filter(
        page_id=document.page_id,
        language=document.language,
        variant=document.variant,
        paper_size=document.paper_size,
    ).exclude(content_key=document.content_key).exclude(
        status=RenderedDocument.Status.RENDERING
    ).delete()


def ensure_built(page, language, variant, paper_size=None, *, timeout=600):
    """The ready document, rendered in this process if needed (commands, offline packs).

    When a worker is rendering it at that moment, waits for the worker instead.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document = request_document(page, language, variant, paper_size, waiting=False, queue=False)
        if document.status == RenderedDocument.Status.FAILED:
            document.requeue()
        document = build_document(document)
        if document is not None and document.is_ready:
            return document
        # Another process is rendering it, or it was superseded: look again.
        time.sleep(0.5)
    raise TimeoutError(f"The {variant} of page {page.pk} ({language}) was not built in time.")


def queue_page_documents(page):
    """After a publish: queue the documents that changed, in the languages with content.

    A module's change shows in its own documents and its curriculum's; a curriculum's
    in its own and (title, destination) every module's. Languages without a
    translation would only repeat the English content, so they are built when
    someone asks for them.
    """
    targets = [page]
    if rendering.is_curriculum(page):
        targets += page.modules
    elif page.curriculum is not None and page.curriculum.live:
        targets.append(page.curriculum)
    queued = []
    for target in targets:
        for language in languages_with_content(target):
            for variant in Variant.values:
                queued.append(request_document(target, language, variant, waiting=False))
    return queued
