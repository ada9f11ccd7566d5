"""The PDFs on the site: ``<page url>pdf/`` and its status endpoint.

Once a PDF is built, ``<page url>pdf/`` redirects to the file's content-addressed URL
(``materials.views.files``), which costs one query instead of routing the page and
looking up its versions."""

from django.http import (
    FileResponse,
    Http404,
    HttpResponseNotModified,
    HttpResponseRedirect,
    JsonResponse,
)
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext

from materials import documents, tasks
from materials.models import RenderedDocument, Variant
from pdo_site.roles import is_trainer


def requested_variant(request):
    """The variant asked for; trainer guides exist only for trainers (404 for others)."""
    variant = request.GET.get("variant", Variant.HANDOUT)
    if variant not in Variant.values:
        raise Http404("Unknown variant")
    if variant == Variant.TRAINER and not is_trainer(request.user):
        raise Http404("Trainer guides are for trainers")
    return variant


def status_message(document):
    return {
        RenderedDocument.Status.QUEUED: gettext("Waiting for its turn…"),
        RenderedDocument.Status.RENDERING: gettext("Making the PDF…"),
        RenderedDocument.Status.READY: gettext("The PDF is ready."),
        RenderedDocument.Status.FAILED: gettext("The PDF could not be made."),
    }[document.status]


def pdf_response(request, document, page):
    """The stored PDF, shown in the browser (from where it prints), cacheable by ETag."""
    etag = f'"{document.content_key}-{document.language}-{document.variant}-{document.paper_size}"'
    private = document.variant == Variant.TRAINER
    cache_control = "private, no-cache" if private else "no-cache"
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(
            document.file.open("rb"),
            content_type="application/pdf",
            filename=documents.download_filename(document, page),
        )
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


def stored_redirect(document):
    """To the built file's content-addressed URL (``materials.views.files``), which
    browsers keep; this URL's answer changes with every new version, so it is not kept."""
    response = HttpResponseRedirect(documents.stored_url(document))
    private = document.variant == Variant.TRAINER
    response["Cache-Control"] = "private, no-cache" if private else "no-cache"
    return response


def serve_document(request, page):
    """The PDF if it is built (a redirect to the stored file); otherwise a progress page
    that becomes the download."""
    variant = requested_variant(request)
    document = tasks.request_document(page, translation.get_language(), variant)
    if request.GET.get("retry"):
        tasks.retry(document)
    if document.is_ready:
        return stored_redirect(document)
    context = {
        "page": page,
        "document": document,
        "variant_label": Variant(variant).label,
        "progress": document.progress(documents.expected_seconds(document)),
        "message": status_message(document),
        "pdf_url": page.pdf_url(variant, request),
        "status_url": page.pdf_status_url(variant, request),
        "retry_url": page.pdf_url(variant, request) + "&retry=1",
    }
    response = TemplateResponse(request, "materials/progress.html", context, status=202)
    response["Cache-Control"] = "no-store"
    return response


def document_status(request, page):
    """JSON for the progress bar: status, an estimated percentage and a message to show."""
    variant = requested_variant(request)
    document = tasks.request_document(page, translation.get_language(), variant)
    data = {
        "status": document.status,
        "ready": document.is_ready,
        "progress": document.progress(documents.expected_seconds(document)),
        "message": status_message(document),
        "url": documents.stored_url(document)
        if document.is_ready
        else page.pdf_url(variant, request),
    }
    return JsonResponse(data, headers={"Cache-Control": "no-store"})
