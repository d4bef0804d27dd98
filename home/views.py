import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.utils import translation

# The database cannot be reached (down, restarting, out of connections): a temporary state, so 503.
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The error page, from templates alone (no context processors, no query): the database may be
    why we are here. The language comes from the URL, since the error may come before LocaleMiddleware."""
    unreachable = isinstance(sys.exc_info()[1], DATABASE_UNREACHABLE)
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        html = get_template("503.html" if unreachable else "500.html").render({"request": request})
    response = HttpResponse(html, status=503 if unreachable else 500)
    response["Cache-Control"] = "no-store"
    if unreachable:
        response["Retry-After"] = "30"
    return response
