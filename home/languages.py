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
    """{page pk: URL of the same page in the visitor's language} in one query.

    Page links in StreamField blocks store the source page (wagtail-localize leaves page
    choosers to be localised at render time); a missing or unpublished translation falls
    back to the linked page itself.
    """
    from wagtail.models import Locale, Page

    pages = [p for p in pages if p is not None]
    locale = Locale.objects.filter(language_code=get_language()).first()
    translated = {}
    if locale is not None:
        for page in Page.objects.live().filter(
            locale=locale, translation_key__in=[p.translation_key for p in pages]
        ):
            translated[page.translation_key] = page
    return {p.pk: translated.get(p.translation_key, p).get_url(request) for p in pages}
