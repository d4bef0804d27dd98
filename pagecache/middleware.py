"""The full-page cache for anonymous visitors, stored in the configured cache (PAGE_CACHE_ALIAS).

Placed right after SecurityMiddleware (and WhiteNoise), so a hit skips the rest of the stack:
it costs one cache read and one stamp query (stamps.read), which is what makes a publish in one
process visible to every other at once, with local-memory caches too.
"""

import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import timezone

from language.locales import EASY
from language.views import FURIGANA_COOKIE

from . import headers, stamps
from .purge import DOCUMENT_PATHS

logger = logging.getLogger(__name__)
# Marketing parameters never change a page: one cached copy for all of them.
IGNORED_PARAMETERS = ("utm_", "fbclid", "gclid", "msclkid", "yclid", "mc_cid", "mc_eid")
STATUS_HEADER = "X-Page-Cache"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
        self.easy_prefix = f"/{EASY}/"
        self.enabled = settings.PAGE_CACHE_ENABLED
        self.cache = caches[settings.PAGE_CACHE_ALIAS]

    def __call__(self, request):
        if not self.applies(request):
            return self.get_response(request)
        varies = request.path.startswith(self.easy_prefix)
        try:
            key = self.key(request, varies)
        except DisallowedHost:
            return self.get_response(request)  # Django answers it with a 400
        version, changed = stamps.read(request.path)
        # What every page of this locale shows changes with this (see home/context_processors.py).
        request.site_version = version.split(":", 1)[1]
        if self.enabled:
            entry = self.fetch(key)
            if entry is not None and entry[0] == version:
                response = entry[1]  # unpickled by the cache: a fresh copy for this request
                response[STATUS_HEADER] = "hit"
                return headers.conditional(request, response)
        response = self.get_response(request)
        if request.path in DOCUMENT_PATHS and response.get("Vary", "").strip().lower() == "accept-language":
            # LocaleMiddleware marks every path outside the language prefixes so; these documents are
            # the same in every language.
            del response["Vary"]
        if not headers.is_shareable(request, response, varies):
            return response
        headers.make_shareable(response, self.last_modified(response, changed))
        if self.enabled:
            self.store(key, version, response)
            response[STATUS_HEADER] = "miss"
        return headers.conditional(request, response)

    def applies(self, request):
        """Anonymous GETs of the pages, the sitemap and robots.txt; staff (a session cookie) and the rest go through."""
        return (
            request.method in ("GET", "HEAD")
            and (request.path.startswith(self.prefixes) or request.path in DOCUMENT_PATHS)
            and "\x00" not in request.path  # PostgreSQL text cannot hold NUL: such a URL is never a page
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        )

    def key(self, request, varies):
        query = sorted(
            (name, value)
            for name, value in request.GET.items()
            if not name.startswith(IGNORED_PARAMETERS) and name not in IGNORED_PARAMETERS
        )
        furigana = "off" if varies and request.COOKIES.get(FURIGANA_COOKIE) == "off" else ""
        raw = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(query)}#{furigana}"
        return "page:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()

    @staticmethod
    def last_modified(response, changed):
        """The latest of the page's publication and the last purge of its targets; else now."""
        page = (getattr(response, "context_data", None) or {}).get("page")
        times = [t for t in (changed, getattr(page, "last_published_at", None)) if t is not None]
        return max(times) if times else timezone.now()

    def fetch(self, key):
        try:
            return self.cache.get(key)
        except Exception:  # a cache that is down degrades to rendering, never to an error page
            logger.exception("page cache read failed")
            return None

    def store(self, key, version, response):
        # A plain response, pickled whole: a hit then costs no header parsing.
        entry = (version, HttpResponse(response.content, headers=dict(response.items())))
        try:
            self.cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            logger.exception("page cache write failed")
