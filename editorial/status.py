"""Translation status per Japanese page and translated locale: up to date, out of date or missing.

wagtail-localize keeps, per source page, a TranslationSource: the frozen Japanese content the
translations are made from (`last_updated_at` is when it was last synced from the live page), and
per locale a Translation with its translated strings. A translation is

- missing: there is no page in that locale;
- out of date: the Japanese page was published after the last sync ("原文が変更されました"), or
  some strings of the synced source have no translation yet, or translated strings are not yet
  published;
- up to date: otherwise.
"""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

UP_TO_DATE = "up_to_date"
OUT_OF_DATE = "out_of_date"
MISSING = "missing"
LABELS = {UP_TO_DATE: "最新", OUT_OF_DATE: "更新が必要", MISSING: "未翻訳"}

SOURCE_CHANGED = "日本語のページが変更されました。翻訳を同期してから、変わった文を翻訳してください。"
STRINGS_MISSING = "まだ翻訳していない文が %(n)d 件あります。"
NOT_PUBLISHED = "翻訳した文が、まだ公開されていません。"
NOT_LOCALIZE = "翻訳ツールを使わずに作られたページです。日本語のページより古い内容です。"


@dataclass
class TranslationStatus:
    source: Page
    locale: Locale
    status: str
    page: Page | None = None
    reason: str = ""
    edit_url: str = ""
    sync_url: str = ""

    @property
    def label(self):
        return LABELS[self.status]


def _status_of(source_page, locale, target, source, translation):
    if target is None:
        url = reverse("wagtail_localize:submit_page_translation", args=[source_page.pk])
        return TranslationStatus(source_page, locale, MISSING, edit_url=url)
    status = TranslationStatus(
        source_page, locale, UP_TO_DATE, page=target, edit_url=reverse("wagtailadmin_pages:edit", args=[target.pk])
    )
    if source is None or translation is None:
        published = (source_page.last_published_at, target.last_published_at)
        if all(published) and published[0] > published[1]:
            status.status, status.reason = OUT_OF_DATE, NOT_LOCALIZE
        return status
    if source_page.last_published_at and source_page.last_published_at > source.last_updated_at:
        status.status, status.reason = OUT_OF_DATE, SOURCE_CHANGED
        status.sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
        return status
    total, translated = translation.get_progress()
    if translated < total:
        status.status, status.reason = OUT_OF_DATE, STRINGS_MISSING % {"n": total - translated}
    elif (
        translation.translations_last_updated_at
        and target.last_published_at
        and translation.translations_last_updated_at > target.last_published_at
    ):
        status.status, status.reason = OUT_OF_DATE, NOT_PUBLISHED
    return status


def translation_statuses(source_pages=None, locales=None):
    """One TranslationStatus per (Japanese page, translated locale), in page-tree order."""
    default = Locale.get_default()
    if source_pages is None:
        source_pages = Page.objects.filter(locale=default, depth__gt=1).order_by("path")
    source_pages = list(source_pages)
    if locales is None:
        locales = Locale.objects.exclude(pk=default.pk).order_by("language_code")
    locales = list(locales)
    keys = [page.translation_key for page in source_pages]

    targets = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, locale__in=locales, alias_of__isnull=True)
    }
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(object_id__in=keys, locale=default).select_related("object")
    }
    translations = {
        (translation.source_id, translation.target_locale_id): translation
        for translation in Translation.objects.filter(source__in=sources.values(), enabled=True)
    }
    statuses = []
    for page in source_pages:
        source = sources.get(page.translation_key)
        for locale in locales:
            translation = translations.get((source.pk, locale.pk)) if source else None
            target = targets.get((page.translation_key, locale.pk))
            statuses.append(_status_of(page, locale, target, source, translation))
    return statuses


def status_for(page, locale):
    """The status of one Japanese page in one locale."""
    return translation_statuses([page], [locale])[0]
