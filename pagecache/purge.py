"""Purge targets: new stamps for the app's cache at once, the same URLs from the proxy or CDN on commit.

A target is a URL path ("/ja/faq/", which covers its query strings), a locale ("/ja/*") or
everything ("*"). The stamps change inside the caller's transaction, so a rolled-back change
purges nothing; the reverse proxy or CDN (wagtail.contrib.frontend_cache, configured by
WAGTAILFRONTENDCACHE) is purged only after the commit, or it could fetch the old page again.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site

from . import stamps

LOCALE_SUFFIX = "/*"
# Documents outside the language prefixes that the page cache keeps too (served by cms/sitemap.py):
# the sitemap lists every page, so every page event purges it; robots.txt changes only with a deploy.
SITEMAP_PATH = "/sitemap.xml"
DOCUMENT_PATHS = (SITEMAP_PATH, "/robots.txt")


def purge(targets):
    targets = set(targets)
    if not targets:
        return
    stamps.bump(targets)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        transaction.on_commit(lambda: purge_urls_from_cache(frontend_urls(targets)))


def locale(code):
    return f"/{code}{LOCALE_SUFFIX}"


def page_paths(page):
    """The URL paths a page answers: its own and those of its routes (get_cached_paths)."""
    parts = page.get_url_parts()
    if parts is None or parts[2] is None:
        return []
    return [parts[2] + sub.lstrip("/") for sub in page.specific_deferred.get_cached_paths()]


def subtree_paths(page):
    pages = Page.objects.descendant_of(page, inclusive=True).specific(defer=True)
    return [path for p in pages for path in page_paths(p)]


def search_paths():
    """The search page in every language (each path covers every query)."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("search"))
    return paths


def listing_paths():
    """What lists pages and so changes with any page event: the search pages and the sitemap."""
    return [*search_paths(), SITEMAP_PATH]


def frontend_urls(targets):
    """Full URLs for the proxy or CDN: a locale or everything becomes each live page in it."""
    paths = set()
    for target in targets:
        if target == stamps.EVERYTHING:
            paths.update(_live_paths(None))
            paths.update(search_paths())
        elif target.endswith(LOCALE_SUFFIX):
            code = target[1 : -len(LOCALE_SUFFIX)]
            paths.update(_live_paths(code))
            with translation.override(code):
                paths.add(reverse("search"))
        else:
            paths.add(target)
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else ""
    return sorted(root + path for path in paths)


def _live_paths(code):
    pages = Page.objects.live().filter(depth__gt=1)
    if code is not None:
        pages = pages.filter(locale__language_code=code)
    return [path for page in pages.specific(defer=True) for path in page_paths(page)]
