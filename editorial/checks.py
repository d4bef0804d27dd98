"""Content checks shown to staff in the editor.

- The WCAG 2.2 AA checker: Wagtail's own content checker (axe-core, run on the preview in the
  editor's "Checks" panel and from the userbar) with the same rule tags as the browser test suite.
- The easy-Japanese check for ja-x-easy pages, shown on the edit screen (the Wagtail editor and
  wagtail-localize's translation editor). It applies the measures and targets of
  `language.easy_japanese` (the same ones the test suite applies to every seeded easy page) to the text
  staff are editing: what readers read (title, intro, every text block, and any extra text shown on
  the page, such as glossary definitions), and, as a word list, the hidden search keywords.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from wagtail.admin.userbar import ContentCheckerItem
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from language import easy_japanese

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
MAX_SHOWN = 5


class SiteContentChecker(ContentCheckerItem):
    """Wagtail's checker, running the WCAG 2.2 AA rules and best practices (Wagtail's alt-text rule included)."""

    axe_run_only = AXE_TAGS


def is_keywords(path):
    """Hidden search keywords: the page's (promote tab) and each FAQ entry's."""
    return path == "search_keywords" or path.endswith(".keywords")


def translatable_texts(page):
    """(what readers read, the hidden search keywords) of a page, one segment a line."""
    read, keywords = [], []
    for segment in extract_segments(page):
        if isinstance(segment, StringSegmentValue) and segment.path != "slug":
            (keywords if is_keywords(segment.path) else read).append(segment.string.render_text())
    return "\n".join(read), "\n".join(keywords)


def translatable_text(page):
    """The translatable text of a page that readers read (title, intro, every text block), one segment a line."""
    return translatable_texts(page)[0]


@dataclass
class EasyJapaneseCheck:
    text: easy_japanese.Report  # the page as read, with `extra_texts`
    keywords: easy_japanese.Report  # the hidden search keywords, as a word list

    @property
    def issues(self):
        """The targets the page misses, and each sentence over 30 characters (allowed, but worth a look)."""
        issues = list(self.text.problems)
        if self.text.long_share <= easy_japanese.MAX_LONG_SHARE:
            issues += [
                f"文が長すぎます({easy_japanese.sentence_length(sentence)}文字):「{sentence}」。"
                f"{easy_japanese.LONG_SENTENCE}文字以内に分けてください。"
                for sentence in self.text.long_sentences
            ]
        return issues + [f"検索キーワード: {problem}" for problem in self.keywords.problems]


def easy_japanese_check(page, extra_texts=()):
    """Measure an easy-Japanese page; `extra_texts` are read on the page too (glossary definitions …)."""
    read, keywords = translatable_texts(page)
    text = "\n".join([read, *extra_texts])
    return EasyJapaneseCheck(easy_japanese.measure(text), easy_japanese.measure_words(keywords))


def easy_japanese_issues(page, extra_texts=()):
    """Plain-language problems staff should fix, as Japanese sentences (empty when there are none)."""
    return easy_japanese_check(page, extra_texts).issues


def easy_japanese_message(check):
    """The editor message: the page's figures, its hard words with counts, then what to fix."""
    report, issues = check.text, check.issues
    figures = format_html(
        "やさしい言葉(N3まで): {}(目標 {}以上)・文の長さの平均: {}文字・漢字: {}"
        "・1つの文に、文をつなぐ言葉が1つまで: {}",
        f"{report.easy_share:.0%}",
        f"{easy_japanese.MIN_EASY_SHARE:.0%}",
        f"{report.mean_length:.1f}",
        f"{report.kanji_share:.0%}",
        f"{report.simple_share:.0%}",
    )
    if report.readability is not None:
        figures += format_html(
            "・読みやすさ(jReadability): {} {}", f"{report.readability:.1f}", report.readability_band
        )
    hard = format_html("<br>むずかしい言葉: {}", easy_japanese.hard_words_text(report.hard_words, 20))
    if check.keywords.hard_words:
        hard += format_html(
            "<br>検索キーワードの、漢字のむずかしい言葉(ページには出ません): {}",
            easy_japanese.hard_words_text(check.keywords.hard_words, 10),
        )
    if not report.hard_words:
        hard = ""
    if not issues:
        return format_html("やさしい日本語のチェック: 目標をすべて満たしています。<br>{}{}", figures, hard)
    shown = format_html_join("", "<li>{}</li>", ((issue,) for issue in issues[:MAX_SHOWN]))
    more = f"ほか {len(issues) - MAX_SHOWN} 件" if len(issues) > MAX_SHOWN else ""
    return format_html(
        "やさしい日本語のチェック: 直したほうがよい点が {} 件あります。<br>{}{}<ul>{}</ul>{}",
        len(issues),
        figures,
        hard,
        shown,
        more,
    )
