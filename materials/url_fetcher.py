"""What print documents may load: bundled fonts, ``data:`` URLs and stored media."""

import mimetypes
from urllib.parse import unquote, urljoin

from weasyprint.urls import URLFetcher, URLFetcherResponse

from django.core.files.storage import default_storage

from materials.fonts import FONT_DIR


def storage_url_prefix():
    """Where the default storage's files appear in URLs ('/media/', or a bucket's address)."""
    probe = "print-probe"
    return default_storage.url(probe).split("?", 1)[0].removesuffix(probe)


class PrintURLFetcher(URLFetcher):
    """Fetch what print documents may contain, and nothing else.

    The bundled fonts come from the file system and images from the default storage
    (whatever it is: a folder or a bucket). Any other address, such as an image
    hot-linked from another site, is refused: documents must not depend on the
    network and rendering must not make requests on a content author's behalf.
    """

    def __init__(self, base_url, **kwargs):
        super().__init__(**kwargs)
        self.media_prefix = urljoin(base_url, storage_url_prefix())
        self.font_prefix = FONT_DIR.as_uri() + "/"

    def fetch(self, url, headers=None):
        if url.startswith(("data:", self.font_prefix)):
            return super().fetch(url, headers)
        if url.startswith(self.media_prefix):
            name = unquote(url[len(self.media_prefix) :].split("?", 1)[0])
            with default_storage.open(name, "rb") as stored:
                body = stored.read()
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})
        raise ValueError(f"Print documents only load bundled fonts and stored media: {url}")
