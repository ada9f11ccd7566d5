"""Background tasks, run by `manage.py db_worker --backend queue`."""

from django_tasks import task

from wagtail.models import Page

from materials import documents
from materials.models import RenderedDocument


@task(backend="queue")
def render_document(document_id):
    """Build one queued document. Running it twice builds it once."""
    document = RenderedDocument.objects.filter(pk=document_id).first()
    if document is None:
        return "gone"
    built = documents.build_document(document)
    return built.status if built else "superseded"


@task(backend="queue")
def queue_documents_for_page(page_id):
    """After a publish: queue the rebuild of the page's documents (and its curriculum's).

    Runs in the worker, not in the publishing request, and computes the versions when
    it runs: publishing ten modules in a row queues the curriculum's PDFs once.
    """
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.live:
        return 0
    page = page.specific
    if not documents.is_printable(page):
        return 0
    return len(documents.queue_page_documents(page))
