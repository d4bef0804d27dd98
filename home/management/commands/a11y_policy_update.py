"""Put the latest accessibility test run into the accessibility policy page, as a draft.

`make a11y-report` runs the browser suite, which writes home/a11y_report.json; this command turns
that report into the "最新の試験結果" section of アクセシビリティ方針 and saves it as a new draft
revision. Staff read it and publish it; nothing is published here. The easy-Japanese and English
pages get the same result in their own words through wagtail-localize (the new segment is
translated here, not left for a translator), also as drafts.
"""

import datetime
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from home.models import PolicyPage
from home.seed import content
from home.seed.loader import raw_stream
from language.locales import EASY, ENGLISH, SOURCE

DEFAULT_REPORT = Path(settings.BASE_DIR) / "home" / "a11y_report.json"
RESULT_BLOCK = "a11y-result"
RESULT_CONTEXT = f"body.{RESULT_BLOCK}"
_JAPANESE_NAMES = {SOURCE: "日本語", EASY: "やさしい日本語", ENGLISH: "英語"}
LOCALE_NAMES = {
    SOURCE: _JAPANESE_NAMES,
    EASY: _JAPANESE_NAMES,
    ENGLISH: {SOURCE: "Japanese", EASY: "Easy Japanese", ENGLISH: "English"},
}


def result_text(report, language=SOURCE):
    """The result section in `language` (ja, ja-x-easy or en), from the suite's JSON report."""
    when = datetime.datetime.fromisoformat(report["date"]).astimezone(ZoneInfo(settings.TIME_ZONE))
    audited = {code: n for code, n in report["pages_audited"].items() if n["pages"]}
    names = LOCALE_NAMES[language]
    states = sum(n["all_states"] for n in audited.values())
    violations, others, passed = report["violations"], report["other_problems"], report["passed"]
    if language == ENGLISH:
        pages = ", ".join(f"{names[code]} {n['pages']} pages" for code, n in audited.items())
        verdict = "No problems were found."
        if not passed:
            verdict = "Some checks found problems. We are fixing them and will test again."
        return (
            f"Automated test run on {when:%B} {when.day}, {when.year}.\n"
            f"Tested: {pages} ({states} screens in all, with search results, error pages and the form with errors).\n"
            f"WCAG 2.2 Level AA problems found by axe-core: {violations}. "
            f"Problems found by the other checks (keyboard use, zoom and more): {others}.\n"
            f"{verdict}"
        )
    if language == EASY:
        pages = "、".join(f"{names[code]}のページ{n['pages']}" for code, n in audited.items())
        verdict = "問題はありませんでした。"
        if not passed:
            verdict = f"問題が{violations + others}こありました。直して、もう一度調べます。"
        day = f"{when.year}年{when.month}月{when.day}日"
        return f"{day}に、コンピューターで調べました。\n{pages}を調べました。\n{verdict}"
    pages = "、".join(f"{names[code]} {n['pages']}ページ" for code, n in audited.items())
    verdict = (
        "すべての確認項目で問題は見つかりませんでした。"
        if passed
        else "問題が見つかった項目があります。修正して、もう一度試験します。"
    )
    return (
        f"{when.year}年{when.month}月{when.day}日に自動試験を実施しました。\n"
        f"対象: {pages}(検索結果、エラーページなどを含め、{states}画面)。\n"
        f"axe-core による WCAG 2.2 レベルAAの問題: {violations}件。"
        f"キーボード操作、表示の拡大などのそのほかの確認での問題: {others}件。\n"
        f"{verdict}"
    )


def with_result(blocks, text):
    """The page body (raw blocks) with the result section replaced, or added at the end."""
    blocks = [dict(b) for b in blocks]
    for block in blocks:
        if block.get("id") == RESULT_BLOCK:
            block["value"] = text
            return blocks
    heading = next(b for b in content.ACCESSIBILITY["body"] if b["id"] == "a11y-result-heading")
    return blocks + [dict(heading), content.block(RESULT_BLOCK, "text", text)]


class Command(BaseCommand):
    help = "Put the latest accessibility test result into the accessibility policy page as a draft (not published)."

    def add_arguments(self, parser):
        parser.add_argument("--report", default=str(DEFAULT_REPORT), help="the JSON written by `make a11y-report`")

    def handle(self, *args, report, **options):
        path = Path(report)
        if not path.exists():
            raise CommandError(f"{path} does not exist: run `make a11y-report` first")
        report = json.loads(path.read_text())
        text = result_text(report)
        page = PolicyPage.objects.filter(locale=Locale.get_default(), slug=content.ACCESSIBILITY["slug"]).first()
        if page is None:
            raise CommandError("there is no accessibility policy page: run `manage.py seed_content` first")
        draft = page.get_latest_revision_as_object()
        draft.body = raw_stream(with_result(draft.body.raw_data, text))
        revision = draft.save_revision(log_action=True)
        self.stdout.write(f"draft revision {revision.pk} of {page.url} is ready for staff to publish:\n{text}")
        for translation in translate_result(draft, report):
            self.stdout.write(f"draft of {translation.get_target_instance().url} is ready for staff to publish")


def translate_result(draft, report):
    """The result, in each translation's language, as a draft of each translated page."""
    source, _created = TranslationSource.update_or_create_from_instance(draft)
    translations = []
    for translation in Translation.objects.filter(source=source, enabled=True).select_related("target_locale"):
        language = translation.target_locale.language_code
        po = translation.export_po()
        for entry in po:
            if entry.msgctxt == RESULT_CONTEXT:
                entry.msgstr = result_text(report, language if language in LOCALE_NAMES else "en")
        translation.import_po(po)
        translation.save_target(publish=False)
        translations.append(translation)
    return translations
