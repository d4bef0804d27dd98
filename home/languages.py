"""Links to the current page in the other languages (switcher and hreflang alternates)."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

LABELS = dict(settings.LANGUAGES)  # each language named in itself: 日本語 / やさしい日本語 / English


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
    from wagtail.models import Page

    pages = [p for p in pages if p is not None]
    if not pages:
        return {}
    locale = active_locale(request)
    translated = {}
    if locale is not None and any(p.locale_id != locale.pk for p in pages):
        for page in Page.objects.live().filter(locale=locale, translation_key__in=[p.translation_key for p in pages]):
            translated[page.translation_key] = page
    return {p.pk: translated.get(p.translation_key, p).get_url(request) for p in pages}


def active_locale(request=None):
    """The Locale of the visitor's language, looked up once per request."""
    from wagtail.models import Locale

    code = get_language()
    cached = getattr(request, "_active_locale", None)
    if cached is not None and cached.language_code == code:
        return cached
    locale = Locale.objects.filter(language_code=code).first()
    if request is not None:
        request._active_locale = locale
    return locale
