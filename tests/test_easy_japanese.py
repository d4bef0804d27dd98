"""The easy-Japanese pages meet the targets of the やさしい日本語ガイドライン (2020).

Each seeded ja-x-easy page is rendered and the text of its <main> measured, without furigana
(<rt>, <rp>), the in-page table of contents (<nav>, which repeats the questions) and the inquiry
form (<form>: UI strings from gettext, not translated page segments).
"""

from html.parser import HTMLParser

import pytest
from wagtail.models import Locale, Page

from language import easy_japanese as ej

BLOCK_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "header", "footer",
    "dt", "dd", "tr", "td", "th", "caption", "br", "summary", "details", "figcaption", "blockquote",
}  # fmt: skip
SKIPPED_TAGS = {"rt", "rp", "nav", "form", "script", "style", "template"}


class MainText(HTMLParser):
    """The visible text of <main>, one line per block element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_main = False
        self.skipping = []
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main = True
        elif tag in SKIPPED_TAGS:
            self.skipping.append(tag)
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        elif self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_main and not self.skipping:
            self.parts.append(data)


def main_text(html):
    parser = MainText()
    parser.feed(html)
    return "".join(parser.parts)


# --- the measuring functions ------------------------------------------------------------------------


def test_sentences_split_at_stops_and_line_breaks():
    assert ej.sentences("10時から です。電話してください!\nはい?  ") == ["10時からです", "電話してください", "はい"]


def test_mean_length_and_long_share():
    text = "あいうえお。" + "あ" * 31 + "。"
    assert ej.mean_length(text) == 18
    assert ej.long_sentences(text) == ["あ" * 31]
    assert ej.long_share(text) == 0.5


def test_content_words_skip_numbers_names_loanwords_and_terms():
    text = "キャリア・サポート・パートナーズで3日パソコンを使います。受給者証が届きます。"
    words = [w.lemma for w in ej.content_words(text)]
    assert words == ["使う", "届く"]


def test_easy_share_uses_jlpt_levels():
    assert ej.word_level("仕事") == "N5"
    assert ej.word_level("わかる") == "N5"
    assert ej.word_level("終わる") == "N5"  # listed as 終る
    assert ej.word_level("障害者") == "N3"  # not listed: its parts 障害 (N3) and 者
    assert ej.word_level("斡旋") is None
    assert ej.easy_share("会社で仕事をします。") == 1
    assert ej.easy_share("斡旋を享受する。") == 0


@pytest.mark.parametrize(
    "sentence",
    [
        "ご説明させていただきます。",
        "ご案内いたします。",
        "資料がございます。",
        "受給者証をお持ちになってください。",
        "難しくないわけではありません。",
        "できなくはないです。",
        "書類を出さなければなりません。",
        "毎日来なくてはいけません。",
    ],
)
def test_forbidden_forms(sentence):
    assert ej.forbidden_forms(sentence)


def test_plain_sentences_pass():
    text = "受給者証(サービスを使うための紙)を見せてください。10時から来てください。1か月9,300円です。"
    assert ej.measure(text).problems == []


@pytest.mark.parametrize("sentence", ["十時から来てください。", "1か月9300円です。", "\uff13日かかります。"])
def test_unplain_numbers(sentence):
    assert ej.unplain_numbers(sentence)


def test_terms_need_a_gloss_at_first_use():
    assert ej.unexplained_terms("受給者証が届きます。受給者証は大切な紙です。") == []
    assert ej.unexplained_terms("受給者証(サービスを使うための紙)が届きます。") == []
    assert ej.unexplained_terms("就労移行支援とは?\n働くための練習をするサービスです。") == []
    assert ej.unexplained_terms("受給者証が届きます。役所に行きます。受給者証は紙です。") == ["受給者証"]
    # 就労継続支援A型 is its own term, not a use of a shorter one
    assert ej.unexplained_terms("就労継続支援A型(働きながら練習する所)にいました。") == []


# --- every seeded easy page -------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_easy_page_meets_the_targets(client):
    easy_locale = Locale.objects.get(language_code="ja-x-easy")
    source_pages = Page.objects.filter(locale=Locale.get_default(), depth__gt=1).order_by("path")
    assert source_pages.exists()
    failures = []
    for source in source_pages:
        easy = source.get_translation_or_none(easy_locale)
        if easy is None or not easy.live:
            failures.append(f"{source.url}: no live ja-x-easy translation")
            continue
        response = client.get(easy.url)
        if response.status_code != 200:
            failures.append(f"{easy.url}: status {response.status_code}")
            continue
        report = ej.measure(main_text(response.content.decode()))
        failures += [f"{easy.url}: {problem}" for problem in report.problems]
    assert not failures, "\n".join(failures)
