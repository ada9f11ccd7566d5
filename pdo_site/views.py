"""Error pages. The health checks are answered by ``pdo_site.health`` before any view."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """500, except when the database is unreachable: then a short 503 ("try again soon").

    Django calls this inside its exception handler, so the exception is at hand. The
    templates are rendered without the request: no context processor, no database.
    """
    error = sys.exc_info()[1]
    # The failure may come before the locale middleware ran: the URL's prefix says.
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    if isinstance(error, OperationalError | InterfaceError):  # not IntegrityError: a bug
        with translation.override(language):
            body = loader.render_to_string("503.html")
        response = HttpResponseServerError(body, status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.render_to_string(template_name))
