"""Built PDFs straight from storage, at content-addressed URLs.

``/files/pdf/<document id>/<folder>/<file name>`` names one stored file: every build
writes to a new random folder (``models.document_upload_path``) and never overwrites, so
what the URL points to never changes and browsers may keep it for a year (immutable).
A request costs one indexed query and no page routing. Trainer guides stay behind the
trainer check (and are cached privately only); everything else is public.
"""

from django.http import FileResponse, Http404, HttpResponseNotModified, HttpResponseRedirect
from django.utils.cache import patch_vary_headers

from materials.models import RenderedDocument, Variant
from pdo_site.roles import is_trainer

YEAR = 365 * 24 * 3600


def stored_document(request, document_id, folder, filename):
    row = (
        RenderedDocument.objects.ready()
        .filter(pk=document_id)
        .values_list("variant", "content_key", "file")
        .first()
    )
    if row is None or not row[2].endswith(f"/{folder}/{filename}"):
        raise Http404("No such document")
    variant, content_key, name = row
    private = variant == Variant.TRAINER
    if private and not is_trainer(request.user):
        raise Http404("Trainer guides are for trainers")
    etag = f'"{content_key}-{document_id}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = file_response(name, filename)
    visibility = "private" if private else "public"
    response["Cache-Control"] = f"{visibility}, max-age={YEAR}, immutable"
    response["ETag"] = etag
    if private:
        patch_vary_headers(response, ("Cookie",))
    return response


def file_response(name, filename):
    """The file itself from local storage; from object storage, a redirect to a signed URL
    (the bytes then never pass through Django)."""
    storage = RenderedDocument._meta.get_field("file").storage
    try:
        storage.path(name)
    except NotImplementedError:
        return HttpResponseRedirect(storage.url(name))
    return FileResponse(storage.open(name, "rb"), content_type="application/pdf", filename=filename)
