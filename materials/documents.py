"""The cache of rendered PDFs: which version of a page a document shows, finding it,
and building it (queueing is ``materials.tasks``).

A document is identified by (page, content key, language, variant, paper size). The
content key changes whenever something printed in it is published again, so a new
revision gets a new document and an old PDF is never served for new content.
"""

import hashlib
import logging
import time

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page

from materials import lease, rendering
from materials.models import RenderedDocument, default_paper_size
from materials.pdf import render_pdf
from pdo_site import translated_fields

logger = logging.getLogger(__name__)


def revision_ids(pages):
    """{page id: revision shown} for a queryset of pages, read from the database.

    Aliases have no revisions of their own: they show their original's live revision.
    """
    rows = pages.values_list("pk", "alias_of_id", "live_revision_id", "alias_of__live_revision_id")
    return {pk: original if alias_of else own for pk, alias_of, own, original in rows}


def version_of(page):
    """(content key, revision id) of what a document of ``page`` would show now.

    The page says which other pages its documents show (``print_sources``: a
    module's curriculum, a curriculum's modules). Read from the database, not from
    ``page``, which may be an older copy.
    """
    revision_id = revision_ids(Page.objects.filter(pk=page.pk)).get(page.pk)
    parts = [f"layout-{rendering.LAYOUT_VERSION}", f"{page.pk}:{revision_id}"]
    sources = revision_ids(page.print_sources().order_by("path"))
    parts += [f"with {pk}:{revision}" for pk, revision in sources.items()]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]
    return digest, revision_id


def languages_with_content(page):
    """The source language and every language the page (or what it holds) is translated into."""
    pages = list(dict.fromkeys([page, *page.print_parts()]))
    return translated_fields.languages_with_content(pages, lambda p: p.translated_content_fields)


def find_document(page, language, variant, paper_size=None, *, waiting=True):
    """(document of the current version, created?): the row, found or made.

    Safe to call any number of times, from any number of processes: the unique
    constraint and get_or_create make every caller find the same row.
    """
    paper_size = paper_size or default_paper_size()
    content_key, revision_id = version_of(page)
    return RenderedDocument.objects.get_or_create(
        page=page,
        content_key=content_key,
        language=language,
        variant=variant,
        paper_size=paper_size,
        defaults={"revision_id": revision_id, "requested_at": timezone.now() if waiting else None},
    )


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

    Does nothing when the document is ready or another builder holds its lease. The
    lease is renewed while WeasyPrint works; a builder that lost it (it stalled and was
    taken for dead) throws its result away instead of overwriting the new builder's.
    """
    if document.is_ready or not document.claim(lease.current_worker_id()):
        return document
    page = document.page.specific
    content_key, revision_id = version_of(page)
    if content_key != document.content_key or not page.live:
        # Published again (or unpublished) since this was queued: the newer version
        # has a document of its own, so this one would never be served.
        document.delete()
        return None
    started = time.monotonic()
    holding = RenderedDocument.objects.filter(
        pk=document.pk, status=RenderedDocument.Status.RENDERING, lease_token=document.lease_token
    )
    try:
        with lease.keep_alive(document):
            html = rendering.render_html(
                page, document.variant, document.language, revision_id, document.paper_size
            )
            pdf = render_pdf(html, rendering.site_base_url(page))
    except Exception as error:
        logger.exception("Rendering document %s failed", document.pk)
        document.status = RenderedDocument.Status.FAILED
        document.error = f"{type(error).__name__}: {error}"
        document.finished_at = timezone.now()
        holding.update(
            status=document.status,
            error=document.error,
            lease_token="",  # nosec B106
            finished_at=document.finished_at,
        )
        raise
    document.file.save(download_filename(document, page), ContentFile(pdf.content), save=False)
    document.status = RenderedDocument.Status.READY
    document.page_count = pdf.page_count
    document.render_seconds = round(time.monotonic() - started, 3)
    document.finished_at = timezone.now()
    document.lease_token = ""  # nosec B105
    fields = ["file", "status", "page_count", "render_seconds", "finished_at", "lease_token"]
    if not holding.update(**{field: getattr(document, field) for field in fields}):
        logger.warning("Document %s: lease lost while rendering, result dropped", document.pk)
        document.file.delete(save=False)
        document.refresh_from_db()
        return document
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
        document, _created = find_document(page, language, variant, paper_size, waiting=False)
        if document.status == RenderedDocument.Status.FAILED:
            document.requeue()
        document = build_document(document)
        if document is not None and document.is_ready:
            return document
        # Another process is rendering it, or it was superseded: look again.
        time.sleep(0.5)
    raise TimeoutError(f"The {variant} of page {page.pk} ({language}) was not built in time.")


def stored_url(document):
    """The content-addressed URL of a ready document's file (``materials.views.files``)."""
    *_prefix, folder, filename = document.file.name.split("/")
    return reverse("materials:stored_document", args=[document.pk, folder, filename])
