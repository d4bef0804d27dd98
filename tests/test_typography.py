"""Line breaking by phrase (BudouX), its meeting with furigana, and ranges per language."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from language import typography
from language.furigana import add_ruby
from language.text import inline_html, prose_html


@pytest.mark.parametrize(
    "text",
    [
        "障害者手帳をお持ちの方",
        "1日の流れ(例)",
        "Microsoft Office Specialist の資格をとる",
        "市町村民税課税世帯(所得割16万円(※2)未満)",
    ],
)
def test_phrases_rebuild_the_text_and_never_split_a_latin_word_or_a_bracket(text):
    phrases = typography.phrases(text)
    assert "".join(phrases) == text
    assert len(phrases) > 1
    for phrase in phrases:
        assert not set(phrase) <= set(typography.OPENING + typography.CLOSING), phrases
    for match in typography.LATIN_RUN.finditer(text):
        # every Latin run lies inside one phrase
        starts = [sum(map(len, phrases[:i])) for i in range(len(phrases) + 1)]
        assert not any(match.start() < s < match.end() for s in starts), phrases


def test_short_japanese_texts_get_a_break_opportunity_between_phrases_only():
    assert inline_html("使える期間とお金", "ja") == "使える<wbr>期間と<wbr>お金"
    assert inline_html("Microsoft Office Specialist の資格", "ja") == (
        '<span lang="en">Microsoft Office Specialist</span> の<wbr>資格'
    )
    assert "<wbr>" not in inline_html("Period and fees", "en")
    assert "<wbr>" not in prose_html("使える期間とお金", "ja")  # running text breaks as Japanese normally does
    escaped = inline_html("<b>期間</b>とお金", "ja")
    assert "<b>" not in escaped and escaped.startswith("&lt;")  # still escaped


def test_furigana_reads_words_across_phrase_breaks_and_keeps_the_breaks_outside_ruby(db):
    # BudouX splits お持ちの|方; the staff's reading for the whole word (お持ちの方 → かた) must still apply.
    html = add_ruby(inline_html("障害者手帳をお持ちの方", "ja-x-easy"))
    assert '<rt data-ruby="かた"></rt>' in html and '<rt data-ruby="ほう"></rt>' not in html
    assert html.count("<wbr>") == 2
    for ruby in re.findall(r"<ruby>.*?</ruby>", html):
        assert "<wbr>" not in ruby
    plain = re.sub(r"<rt>.*?</rt>|<rp>.*?</rp>|<[^>]+>", "", html)
    assert plain == "障害者手帳をお持ちの方"
    # A break is kept right before a word's ruby: 期間と|お金 → と<wbr>お<ruby>金…
    assert "と<wbr>お<ruby>金" in add_ruby(inline_html("使える期間とお金", "ja-x-easy"))


def test_a_phrase_break_inside_a_word_is_dropped_not_put_inside_its_ruby(db):
    html = add_ruby(f"障害{typography.WBR}者手帳")
    assert "<wbr>" not in html and '<rt data-ruby="しょうがいしゃてちょう"></rt>' in html


@pytest.mark.parametrize(("language", "expected"), [("ja", "~"), ("ja-x-easy", "~"), ("en", "\u2013")])
def test_time_ranges_follow_the_language(language, expected):
    start, end = datetime.time(10), datetime.time(17)
    with translation.override(language):
        html = Template("{% load text_tags %}{% time_range start end %}|{% time_range start %}").render(
            Context({"start": start, "end": end})
        )
    ranged, alone = html.split("|")
    assert ranged == (
        f'<time datetime="10:00">10:00</time><span class="range">{expected}</span><time datetime="17:00">17:00</time>'
    )
    assert alone == '<time datetime="10:00">10:00</time>'
