"""Numbers are read with their counters, one ruby over both (3日間 → みっかかん, not 3 + にちかん).

The table holds every number-and-counter pair in the seed content and its easy-Japanese and English
PO files (ja pages included: the same facts), and the irregular readings a rule cannot make.
"""

from pathlib import Path

import pytest

from language.counters import COUNTED, number_reading, reading, split_counted
from language.furigana import add_ruby
from language.models import FuriganaOverride

SEED = Path(__file__).resolve().parent.parent / "home" / "seed"

READINGS = {
    # in the seed content and its translations
    "3日間": "みっかかん",
    "1日": "いちにち",  # 1日の流れ, 週1日: one day
    "3日": "みっか",
    "2日": "ふつか",
    "4日": "よっか",
    "5日": "いつか",
    "5年": "ごねん",
    "1年": "いちねん",
    "2年": "にねん",
    "2年間": "にねんかん",
    "20歳": "はたち",
    "40歳": "よんじゅっさい",
    "65歳": "ろくじゅうごさい",
    "20代": "にじゅうだい",
    "40代": "よんじゅうだい",
    "1人": "ひとり",
    "2人": "ふたり",
    "3人": "さんにん",
    "6人": "ろくにん",
    "9人": "きゅうにん",
    "10人": "じゅうにん",
    "300人": "さんびゃくにん",
    "1か月": "いっかげつ",
    "2か月": "にかげつ",
    "3か月": "さんかげつ",
    "4か月": "よんかげつ",
    "5か月": "ごかげつ",
    "6か月": "ろっかげつ",
    "8か月": "はっかげつ",
    "9か月": "きゅうかげつ",
    "10か月": "じゅっかげつ",
    "24か月": "にじゅうよんかげつ",
    "2週間": "にしゅうかん",
    "1時間": "いちじかん",
    "2時間": "にじかん",
    "1時間目": "いちじかんめ",
    "2時間目": "にじかんめ",
    "3時間目": "さんじかんめ",
    "4時間目": "よじかんめ",
    "1限目": "いちげんめ",
    "2限目": "にげんめ",
    "3限目": "さんげんめ",
    "4限目": "よんげんめ",
    "3時": "さんじ",
    "10時": "じゅうじ",
    "17時": "じゅうしちじ",
    "9時半": "くじはん",
    "1回": "いっかい",
    "3件": "さんけん",
    "1割": "いちわり",
    "9割": "きゅうわり",
    "100倍": "ひゃくばい",
    "0円": "ぜろえん",
    "9300円": "きゅうせんさんびゃくえん",
    "9,300円": "きゅうせんさんびゃくえん",
    "37,200円": "さんまんななせんにひゃくえん",
    "37200円": "さんまんななせんにひゃくえん",
    "16万円": "じゅうろくまんえん",
    "100万円": "ひゃくまんえん",
    "204万円": "にひゃくよんまんえん",
    "600万円": "ろっぴゃくまんえん",
    "204万": "にひゃくよんまん",
    # irregular: days, minutes, counts, ages, years
    "6日": "むいか",
    "7日": "なのか",
    "8日": "ようか",
    "9日": "ここのか",
    "10日": "とおか",
    "14日": "じゅうよっか",
    "17日": "じゅうしちにち",
    "20日": "はつか",
    "24日": "にじゅうよっか",
    "1日間": "いちにちかん",
    "2日目": "ふつかめ",
    "1分": "いっぷん",
    "3分": "さんぷん",
    "4分": "よんぷん",
    "5分": "ごふん",
    "6分": "ろっぷん",
    "10分": "じゅっぷん",
    "30分": "さんじゅっぷん",
    "1週間": "いっしゅうかん",
    "8回": "はっかい",
    "6回": "ろっかい",
    "10回": "じゅっかい",
    "3階": "さんがい",
    "4階": "よんかい",
    "3本": "さんぼん",
    "1本": "いっぽん",
    "1歳": "いっさい",
    "8歳": "はっさい",
    "4人": "よにん",
    "4時": "よじ",
    "7時": "しちじ",
    "9時": "くじ",
    "4年": "よねん",
    "1年目": "いちねんめ",
    "4月": "しがつ",
    "9月": "くがつ",
    "1級": "いっきゅう",
    "8冊": "はっさつ",
    "1000万円": "いっせんまんえん",
    "３日間": "みっかかん",  # full-width digits
}
# A day after a month is a date: 1日 is ついたち there, not いちにち (one day).
IN_CONTEXT = {
    "4月1日": [("4月", "しがつ"), ("1日", "ついたち")],
    "毎月1日": [("毎月", None), ("1日", "ついたち")],
    "週1日": [("週", None), ("1日", "いちにち")],
    "10時から17時": [("10時", "じゅうじ"), ("から", None), ("17時", "じゅうしちじ")],
    # not counters: a phone number before a weekday, a decimal, a month that cannot be
    "048-812-8677月曜日": [("048-812-8677月曜日", None)],
    "2.5倍": [("2.5倍", None)],
    "13月": [("13月", None)],
    "第1月曜日": [("第1月曜日", None)],
}


def test_the_table_is_large_enough_and_covers_the_irregular_readings():
    assert len(READINGS) >= 40
    irregular = ["1日", "2日", "3日", "10日", "20日", "1分", "3分", "10分", "1か月", "1週間", "1人", "2人", "1回",
                 "8回", "1限目", "20歳", "65歳", "40代", "1年目"]  # fmt: skip
    assert [c for c in irregular if c not in READINGS] == []


def test_every_counted_number_in_the_seed_is_in_the_table():
    found = set()
    for path in [*SEED.glob("*.py"), *SEED.glob("*.txt"), *SEED.glob("translations/*/*.po")]:
        text = path.read_text()
        found |= {m.group() for m in COUNTED.finditer(text) if reading(m["number"], m["counter"] or "")}
    missing = sorted(found - set(READINGS))
    assert found and missing == [], f"add these to READINGS with their readings: {missing}"


@pytest.mark.parametrize(("written", "said"), READINGS.items())
def test_a_number_and_its_counter_are_read_together(written, said):
    match = COUNTED.fullmatch(written)
    assert match and reading(match["number"], match["counter"] or "") == said


def test_one_ruby_covers_a_number_and_its_counter_whose_reading_changes_or_fits():
    assert split_counted("3日間より") == [("3日間", "みっかかん"), ("より", None)]
    assert split_counted("20歳") == [("20歳", "はたち")]
    assert split_counted("17時") == [("17時", "じゅうしちじ")]  # しち, not なな: together, however wide
    assert split_counted("1001分") == [("1001分", "せんいっぷん")]
    assert split_counted("2週間") == [("2週間", "にしゅうかん")]  # said as usual, and fits


def test_a_wide_reading_said_as_usual_leaves_the_digits_plain():
    # 37,200 under さんまんななせんにひゃくえん would spread its digits apart and break across lines.
    assert split_counted("37,200円") == [("37,200", None), ("円", "えん")]
    assert split_counted("204万円まで") == [("204", None), ("万円", "まんえん"), ("まで", None)]
    assert split_counted("24か月") == [("24", None), ("か月", "かげつ")]
    assert split_counted("65歳") == [("65", None), ("歳", "さい")]


@pytest.mark.parametrize(("text", "parts"), IN_CONTEXT.items())
def test_readings_in_context(text, parts):
    assert split_counted(text) == parts


@pytest.mark.parametrize(
    ("n", "said"),
    [(0, "ぜろ"), (11, "じゅういち"), (100, "ひゃく"), (300, "さんびゃく"), (600, "ろっぴゃく"), (800, "はっぴゃく"),
     (1000, "せん"), (3000, "さんぜん"), (8000, "はっせん"), (10000, "いちまん"), (2040000, "にひゃくよんまん"),
     (10**8, "いちおく"), (10**12, "いっちょう")],
)  # fmt: skip
def test_number_readings(n, said):
    assert number_reading(n) == said


@pytest.mark.django_db
def test_furigana_covers_number_and_counter_with_one_ruby():
    html = add_ruby("ここに3日間ためしに通います。")
    assert '<ruby class="number">3日間<rt data-ruby="みっかかん"></rt></ruby>' in html
    assert "3<ruby" not in html and 'data-ruby="かかん"' not in html and 'data-ruby="にちかん"' not in html


@pytest.mark.django_db
def test_a_staff_reading_still_wins_over_the_counter_table():
    FuriganaOverride.objects.create(word="3日間", reading="さんにちかん")
    assert '<ruby class="number">3日間<rt data-ruby="さんにちかん"></rt></ruby>' in add_ruby("まず3日間ためします。")
