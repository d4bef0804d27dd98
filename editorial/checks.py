"""Content checks shown to staff in the editor.

- The WCAG 2.2 AA checker: Wagtail's own content checker (axe-core, run on the preview in the
  editor's "Checks" panel and from the userbar) with the same rule tags as the browser test suite.
- The easy-Japanese checks for easy-Japanese pages: a sentence over 30 characters and a necessary
  term (受給者証 …) that is not explained at its first use. The measures are those of the test
  suite (`language.easy_japanese`); here they are applied to the text staff are editing and shown
  on the edit screen of the page (the Wagtail editor and wagtail-localize's translation editor).
"""

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


def translatable_text(page):
    """The translatable text of a page (title, intro, every text block), one segment a line."""
    lines = []
    for segment in extract_segments(page):
        if isinstance(segment, StringSegmentValue) and segment.path != "slug":
            lines.append(segment.string.render_text())
    return "\n".join(lines)


def easy_japanese_issues(page):
    """Plain-language problems staff should fix, as Japanese sentences (empty when there are none)."""
    text = translatable_text(page)
    issues = [
        f"「{term}」を初めて使うところに説明がありません。すぐ後に(かっこ)で短い説明を書いてください。"
        for term in easy_japanese.unexplained_terms(text)
    ]
    issues += [
        f"文が長すぎます({easy_japanese.sentence_length(sentence)}文字):「{sentence}」。"
        f"{easy_japanese.LONG_SENTENCE}文字以内に分けてください。"
        for sentence in easy_japanese.long_sentences(text)
    ]
    return issues


def easy_japanese_message(issues):
    """The editor message: how many problems, the first few of them."""
    shown = format_html_join("", "<li>{}</li>", ((issue,) for issue in issues[:MAX_SHOWN]))
    more = f"ほか {len(issues) - MAX_SHOWN} 件" if len(issues) > MAX_SHOWN else ""
    return format_html(
        "やさしい日本語のチェック: 直したほうがよい点が {} 件あります。<ul>{}</ul>{}", len(issues), shown, more
    )
