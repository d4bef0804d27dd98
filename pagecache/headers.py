"""HTTP caching headers on a shareable page: Cache-Control, ETag, Last-Modified, and 304s."""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, has_vary_header
from django.utils.http import http_date, parse_http_date_safe, quote_etag

NOT_SHAREABLE = ("private", "no-cache", "no-store")
# Pages, and the sitemap and robots.txt (pagecache.purge.DOCUMENT_PATHS).
SHAREABLE_TYPES = ("text/html", "application/xml", "text/plain")


def is_shareable(request, response, varies_by_furigana):
    """Whether `response` is the same for every anonymous visitor of its URL (and furigana variant).

    Refused: anything but a complete 200 HTML page (or XML / plain-text document); a response that
    sets a cookie, chose its own Cache-Control, carries a CSP nonce (an inline script would be
    replayed), or read the session (it may show who the visitor is); a Vary other than the furigana
    variant's Cookie.
    """
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith(SHAREABLE_TYPES)
        and not response.cookies
        and "Cache-Control" not in response
        and "'nonce-" not in response.get("Content-Security-Policy", "")
        and not (session is not None and session.accessed)
        and _vary_is_expected(response, varies_by_furigana)
    )


def _vary_is_expected(response, varies_by_furigana):
    if not response.has_header("Vary"):
        return True
    return varies_by_furigana and response["Vary"].strip().lower() == "cookie" and has_vary_header(response, "Cookie")


def make_shareable(response, last_modified):
    """Short max-age for browsers, longer s-maxage for the purged shared caches, and validators."""
    response["Cache-Control"] = settings.PAGE_CACHE_CONTROL
    response["ETag"] = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
    response["Last-Modified"] = http_date(last_modified.timestamp())


def conditional(request, response):
    """A 304 Not Modified when the visitor's copy (If-None-Match / If-Modified-Since) is current."""
    if request.method not in ("GET", "HEAD") or not response.has_header("ETag"):
        return response
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=parse_http_date_safe(response["Last-Modified"]),
        response=response,
    )
