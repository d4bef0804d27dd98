"""The site's three languages: their codes, the visitor's locale, and links between versions.

This is the one place that names the easy-Japanese code; everything else asks here.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page

SOURCE = settings.LANGUAGE_CODE  # "ja": standard Japanese, the language content is written in
EASY = "ja-x-easy"  # やさしい日本語 (BCP 47 private use); Django's catalog directory is ja_X-easy
ENGLISH = "en"
LOCALES = tuple(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
TRANSLATED = tuple(code for code in LOCALES if code != SOURCE)
LABELS = dict(settings.LANGUAGES)  # each language named in itself: 日本語 / やさしい日本語 / English


def is_easy(language_code=None):
    """Whether `language_code` (the active language when None) is easy Japanese."""
    return (language_code or get_language()) == EASY


def base_language(language_code):
    """The written language of a locale: "ja" for both Japanese locales."""
    return "ja" if language_code.startswith("ja") else language_code.split("-")[0]


def active_locale(request=None):
    """The Locale of the visitor's language, looked up once per request."""
    code = get_language()
    cached = getattr(request, "_active_locale", None)
    if cached is not None and cached.language_code == code:
        return cached
    locale = Locale.objects.filter(language_code=code).first()
    if request is not None:
        request._active_locale = locale
    return locale


def alternates(request, page=None):
    """[{code, label, url, current}] for every language the current content exists in.

    For a page, only its live translations count (a missing translation is hidden, never
    replaced by the Japanese source). Other views (search, 404) exist in every language.
    """
    current = get_language()
    if page is not None and getattr(page, "pk", None):
        urls = {
            p.locale.language_code: p.get_url(request)
            for p in page.get_translations(inclusive=True).live().public().select_related("locale")
        }
    else:
        urls = {code: translate_url(request.path, code) for code in LABELS}
    return [
        {"code": code, "label": label, "url": urls[code], "current": code == current}
        for code, label in LABELS.items()
        if code in urls
    ]


def localized_urls(pages, request=None):
    """{page pk: URL of the same page in the visitor's language} in at most two queries.

    Page links in StreamField blocks store the source page (wagtail-localize leaves page
    choosers to be localised at render time); a missing or unpublished translation falls
    back to the linked page itself.
    """
    pages = [p for p in pages if p is not None]
    if not pages:
        return {}
    locale = active_locale(request)
    translated = {}
    if locale is not None and any(p.locale_id != locale.pk for p in pages):
        for page in Page.objects.live().filter(locale=locale, translation_key__in=[p.translation_key for p in pages]):
            translated[page.translation_key] = page
    return {p.pk: translated.get(p.translation_key, p).get_url(request) for p in pages}
