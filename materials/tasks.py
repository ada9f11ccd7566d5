"""Queueing documents, and the background tasks that build them.

The tasks run in `manage.py db_worker --backend queue`. Web requests and publishing
only find or create a document row and enqueue; the worker renders.
"""

import logging
from datetime import timedelta
from functools import partial

from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from wagtail.models import Page

from materials import documents
from materials.models import RenderedDocument, Variant
from materials.printable import is_printable

logger = logging.getLogger(__name__)

# django-tasks priorities: someone waiting on a progress page goes before the
# rebuilds that publishing queues.
PRIORITY_WAITING = 50
PRIORITY_PUBLISHED = 0
LOST_TASK_AFTER = timedelta(minutes=10)
QUEUE_BACKEND = "queue"


@task(backend=QUEUE_BACKEND)
def render_document(document_id):
    """Build one queued document. Running it twice builds it once."""
    document = RenderedDocument.objects.filter(pk=document_id).first()
    if document is None:
        return "gone"
    built = documents.build_document(document)
    return built.status if built else "superseded"


@task(backend=QUEUE_BACKEND)
def queue_documents_for_page(page_id):
    """After a publish: queue the rebuild of the page's documents (and its dependants').

    Runs in the worker, not in the publishing request, and computes the versions when
    it runs: publishing ten modules in a row queues the curriculum's PDFs once.
    """
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.live:
        return 0
    page = page.specific
    if not is_printable(page):
        return 0
    return len(queue_page_documents(page))


def enqueue_render(document, priority):
    # After commit, so the worker finds the row; robust, so a queue outage never
    # turns a publish or a page view into an error.
    transaction.on_commit(
        partial(render_document.using(priority=priority).enqueue, document.pk), robust=True
    )
    # Until the commit the task row does not exist: remember it, so that the same
    # request does not queue the document twice (``retry`` after ``request_document``).
    document.render_queued = True


def request_document(page, language, variant, paper_size=None, *, waiting=True):
    """The document of the current version, queued for rendering if it is new.

    ``waiting``: someone is waiting for it (a progress page), so it goes before the
    rebuilds that publishing queued.
    """
    document, created = documents.find_document(
        page, language, variant, paper_size, waiting=waiting
    )
    if created:
        enqueue_render(document, PRIORITY_WAITING if waiting else PRIORITY_PUBLISHED)
    elif waiting:
        hurry(document)
        revive(document)
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
    """Build the document again if nothing is building it: ``?retry=1``, the admin's Rebuild.

    A failed document goes back in line; an abandoned build (its lease expired) is taken
    back; a queued document whose task was lost gets a new one. A build whose worker is
    alive is left alone: it finishes sooner than a new one would.
    """
    revive(document)
    if document.status == RenderedDocument.Status.FAILED:
        document.requeue()
    if document.status == RenderedDocument.Status.QUEUED and not queued_already(document):
        enqueue_render(document, PRIORITY_WAITING)


def revive(document):
    """Someone waits for a build whose worker died: queue it again now."""
    if (
        recover_document(document)
        and document.status == RenderedDocument.Status.QUEUED
        and not queued_already(document)
    ):
        enqueue_render(document, PRIORITY_WAITING)


def queued_already(document):
    return getattr(document, "render_queued", False) or pending_render_task(document.pk)


def pending_render_task(document_id):
    """True when a render task for the document is waiting for a worker.

    Running ones do not count: this is asked about documents whose build was abandoned,
    and a task a worker still runs builds nothing twice (the lease decides).
    """
    return DBTaskResult.objects.filter(
        backend_name=QUEUE_BACKEND,
        task_path=f"{__name__}.render_document",
        status=TaskResultStatus.READY,
        args_kwargs__args__0=document_id,
    ).exists()


def recover_document(document, now=None):
    """Take back a document whose build lease expired; True if this call did.

    It goes back to the queue, or is marked failed once ``PDO_BUILD_MAX_ATTEMPTS``
    builds were abandoned (a document that kills its worker must not kill them all).
    The caller queues a task for it.
    """
    if not document.lease_expired(now):
        return False
    gave_up = document.attempts >= settings.PDO_BUILD_MAX_ATTEMPTS
    changes = {"leased_by": "", "lease_token": "", "heartbeat_at": None}  # nosec B105
    if gave_up:
        changes.update(
            status=RenderedDocument.Status.FAILED,
            finished_at=now or timezone.now(),
            error=ngettext(
                "The worker stopped %(count)d time while making this PDF.",
                "The worker stopped %(count)d times while making this PDF.",
                document.attempts,
            )
            % {"count": document.attempts},
        )
    else:
        changes.update(status=RenderedDocument.Status.QUEUED, started_at=None)
    # Only if nobody renewed or took the lease since we read it.
    taken = RenderedDocument.objects.filter(
        pk=document.pk,
        status=RenderedDocument.Status.RENDERING,
        lease_token=document.lease_token,
        heartbeat_at=document.heartbeat_at,
    ).update(**changes)
    if not taken:
        return False
    logger.warning(
        "Document %s: build abandoned by %s, %s",
        document.pk,
        document.leased_by or "?",
        "marked failed" if gave_up else "queued again",
    )
    for field, value in changes.items():
        setattr(document, field, value)
    return True


def queue_page_documents(page):
    """After a publish: queue the documents that changed, in the languages with content.

    A page's change shows in its own documents and in those of the pages it says
    show it (``print_dependants``: a module's curriculum, a curriculum's modules).
    Languages without a translation would only repeat the English content, so they
    are built when someone asks for them.
    """
    queued = []
    for target in [page, *page.print_dependants()]:
        for language in documents.languages_with_content(target):
            for variant in Variant.values:
                queued.append(request_document(target, language, variant, waiting=False))
    return queued
