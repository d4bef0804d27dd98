"""Request bodies are limited before anything reads them (first in MIDDLEWARE).

A body declared larger than the limit (Content-Length) gets a localized 413 at once, unread: not
even CSRF (which reads a form's token) or the form's own 64 KB check sees it. A chunked body (no
Content-Length; Django would read nothing of it) is read here, at most limit + 1 bytes, then handed
on as an ordinary body of that length, or refused. The admin takes Wagtail's uploads (images,
documents), so it has its own, larger limit. The reverse proxy in front limits first (deploy/nginx.conf).
"""

import io

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpResponse
from django.template.loader import get_template
from django.utils import translation

CHUNK = 64 * 1024


def body_limit(request):
    if request.path_info.startswith("/admin/"):
        return settings.ADMIN_MAX_BODY_BYTES
    return settings.REQUEST_MAX_BODY_BYTES


def declared_length(request):
    """Content-Length as a number, None when absent (a chunked body), -1 when malformed."""
    value = request.META.get("CONTENT_LENGTH")
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        return -1


def is_chunked(request):
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()


def too_large(request):
    # Before LocaleMiddleware: the language comes from the URL prefix (/en/…), else Japanese.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        html = get_template("413.html").render({"request": request})
    response = HttpResponse(html, status=413)
    response["Connection"] = "close"  # the unread body must not be taken for the next request
    response["Cache-Control"] = "no-store"
    return response


def read_bounded(stream, limit):
    """At most limit + 1 bytes of a stream, in chunks; more means too large."""
    parts, size = [], 0
    while size <= limit:
        part = stream.read(min(CHUNK, limit + 1 - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request)
        length = declared_length(request)
        if length is not None and length > limit:
            return too_large(request)
        if length is None and is_chunked(request) and "wsgi.input" in request.META:
            body = read_bounded(request.META["wsgi.input"], limit)
            if len(body) > limit:
                return too_large(request)
            request.META["CONTENT_LENGTH"] = str(len(body))
            request._stream = LimitedStream(io.BytesIO(body), len(body))
        return self.get_response(request)
