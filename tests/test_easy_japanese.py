"""The easy-Japanese pages meet the reader's targets (やさしい日本語ガイドライン, 2020).

Each seeded ja-x-easy page is rendered and the text of its <main> measured as a reader meets it:
every word at every occurrence, the in-page table of contents and the inquiry form included,
furigana (<rt>, <rp>) left out. The site header and footer, the same on every page, are measured
once on their own.
"""

import re
from html.parser import HTMLParser

import pytest
from wagtail.models import Locale, Page

from language import easy_japanese as ej

BLOCK_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "header", "footer",
    "dt", "dd", "tr", "td", "th", "caption", "br", "summary", "details", "figcaption", "blockquote",
}  # fmt: skip
SKIPPED_TAGS = {"rt", "rp", "script", "style", "template"}


class MainText(HTMLParser):
    """The visible text of <main> (or, with chrome=True, of the page outside it), one line per block element."""

    def __init__(self, chrome=False):
        super().__init__(convert_charrefs=True)
        self.chrome = chrome
        self.in_body = False
        self.in_main = False
        self.skipping = []
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        elif tag == "main":
            self.in_main = True
        elif tag in SKIPPED_TAGS:
            self.skipping.append(tag)
        elif tag == "img" and self.in_body and self.in_main != self.chrome and not self.skipping:
            self.parts.append(dict(attrs).get("alt") or "")  # an image's text is its alt (the wordmark)
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
        if self.in_body and self.in_main != self.chrome and not self.skipping:
            self.parts.append(data)


# A glossary term's definition (language/glossary.py) is read on its own, when it opens: its text is
# measured as lines of its own after the page, not inside the sentence that uses the term.
DEFINITION = re.compile(r'(<span class="term__def"[^>]*>)(.*?)(</span>)(?=</span>)', re.S)


def main_text(html, chrome=False):
    definitions = [m.group(2) for m in DEFINITION.finditer(html)]
    html = DEFINITION.sub("", html)
    if definitions:
        html = html.replace("</main>", "".join(f"<p>{d}</p>" for d in definitions) + "</main>")
    parser = MainText(chrome=chrome)
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


def test_every_word_counts_at_every_occurrence_terms_included():
    text = "受給者証が届きます。受給者証を出します。"
    assert [w.lemma for w in ej.content_words(text)] == ["受給者", "届く", "受給者", "出す"]
    assert [word for word, _ in ej.hard_word_counts(ej.content_words(text))] == ["受給者"]
    assert ej.hard_word_counts(ej.content_words(text)) == [("受給者", 2)]


def test_numbers_names_latin_and_everyday_loanwords_are_not_counted():
    text = "キャリア・サポート・パートナーズで3日、MOSのメールを使います。"
    assert [w.lemma for w in ej.content_words(text)] == ["使う"]
    # other loanwords are looked up like any word
    assert [(w.lemma, w.easy) for w in ej.content_words("ステップとテスト")] == [("ステップ", False), ("テスト", True)]


def test_word_levels_come_from_jlpt_lists():
    assert ej.word_level("仕事") == "N5"
    assert ej.word_level("わかる") == "N5"
    assert ej.word_level("終わる") == "N5"  # listed as 終る
    assert ej.word_level("障害者") == "N3"  # not listed: its parts 障害 (N3) and 者
    assert ej.word_level("通える") == "N4"  # the potential of 通う
    assert ej.word_level("たくさん") == "N5"  # listed only as 沢山 at N1
    assert ej.word_level("斡旋") is None
    assert ej.easy_share("会社で仕事をします。") == 1
    assert ej.easy_share("斡旋を享受する。") == 0


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("会社で働くための練習をします", []),
        ("住んでいる市に申し込んでください", []),  # 〜ている, 〜てください: one predicate
        ("来てもいいです", []),
        ("障がいについて、話してみます", []),  # について: a compound particle
        ("10時から始めます", []),  # から: a case particle
        ("働き始めたときに、電話します", []),
        ("雨なので休みます", ["ので"]),
        ("疲れたから休みます", ["から"]),
        ("大変だけど、がんばります", ["けど"]),
        ("市によって違いますが、2週間です", ["が"]),
        ("話を聞きながら考えます", ["ながら"]),
        ("困ったことがあれば、聞いてください", ["ば"]),
        ("決めたら、使えます", ["たら"]),
        ("ボタンを押すと開きます", ["と"]),
        ("使えると思います", []),  # と quotes
        ("書類を作り、出します", ["作り、"]),  # 連用中止
        ("見て、考えて、決めます", ["て", "て"]),
        ("見たり聞いたりします", ["たり"]),
        ("あなたが希望して、会社もいいと言ったら、行きます", ["て", "たら"]),
    ],
)
def test_clause_connectors(sentence, expected):
    assert ej.connectors(sentence) == expected


def test_simple_share_counts_sentences_with_at_most_one_connector():
    text = "見て、考えて、決めます。雨なので休みます。会社に行きます。電話します。"
    assert ej.simple_share(text) == 0.75


def test_kanji_share_counts_japanese_letters_only():
    assert ej.kanji_share("漢字かなカナ") == pytest.approx(2 / 6)
    assert ej.kanji_share("10時、ABC。") == 1  # digits, Latin letters and punctuation are not letters
    assert ej.kanji_share("") == 0


def test_readability_is_higher_for_easier_text():
    easy = ej.readability("きょうは いい 天気です。あした 会社に 行きます。")
    hard = ej.readability("就労移行支援事業所における職業訓練の提供について、関係機関と連携を図る。")
    assert easy > hard
    assert ej.readability_band(6.0) == "初級前半" and ej.readability_band(2.0) == "上級前半"
    assert ej.readability("") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "ご説明させていただきます。",
        "ご案内いたします。",
        "資料がございます。",
        "受給者証をお持ちになってください。",
        "お気軽にご連絡ください。",
        "書類をお送りします。",
        "企業様に伝えます。",
        "何でもおっしゃってください。",
        "難しくないわけではありません。",
        "できなくはないです。",
        "書類を出さなければなりません。",
        "毎日来なくてはいけません。",
    ],
)
def test_forbidden_forms(sentence):
    assert ej.forbidden_forms(sentence)


@pytest.mark.parametrize("sentence", ["よろしくお願いします。", "お金はかかりません。", "いろいろな様子を見ます。"])
def test_everyday_polite_words_are_not_honorifics(sentence):
    assert ej.forbidden_forms(sentence) == []


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


def test_measure_names_each_missed_target():
    hard = "就労移行支援は、障害者総合支援法における障害福祉サービスの一つです。"
    long_and_chained = "会社に行って、話を聞いて、書類を書いて、家に帰って、ゆっくり休んで、また来ます。"
    problems = ej.measure("\n".join([hard, long_and_chained])).problems
    assert any(p.startswith("やさしい言葉") and "「支援」×1、" in p and "「支援法」×1" in p for p in problems)
    assert any(p.startswith("文の長さの平均") for p in problems)
    assert any(p.startswith("30文字をこえる文") for p in problems)
    assert any(p.startswith("文をつなぐ言葉") for p in problems)
    assert any(p.startswith("漢字が文字の") for p in problems)


# The easy pages as they were when an independent scorer rated them (JLPT N3 vocabulary, every word
# at every occurrence): service 77% easy words and 45% kanji, the case-study index 75% and 51%.
SERVICE_BEFORE = """就労移行支援とは?
障害や病気がある人の、就職を手伝うサービスです。
就労移行支援は、国のサービスです。
障害や難しい病気がある人が使えます。
会社で働くための練習をします。
仕事を探すのを手伝います。
働き始めたあとも、続けられるように手伝います。
ほかにも、必要なことを手伝います。
障害者総合支援法という法律があります。
このサービスは、この法律で決まっています。
使える人
就労移行支援を使えるのは、次のような人です。
体の障害、知的障害、心の病気、発達障害、難しい病気がある人
65歳より若い人
会社などで働きたい人
障害者手帳(障害がある人がもらう手帳)がなくても、使えることがあります。医者や市役所などが、働くのが難しいと決めたときです。
次の証明書があると、手続きが早く進みます。「障害者手帳」か「自立支援医療受給者証」です。自立支援医療受給者証は、病院のお金が安くなる証明書です。"""
CASE_INDEX_BEFORE = """仕事が決まるまで(例)
ここを使った人の例です。相談から、仕事が決まるまでを紹介します。
Aさん(40代・男性)うつ病(心の病気)
Aさん(40代・男性)、うつ病
Bさん(20代・女性)統合失調症(心の病気)
Bさん(20代・女性)、統合失調症"""


def test_the_measure_agrees_with_the_independent_scorer():
    service = ej.measure(SERVICE_BEFORE)
    assert service.easy_share == pytest.approx(0.77, abs=0.01)
    assert service.kanji_share == pytest.approx(0.45, abs=0.01)
    case_index = ej.measure(CASE_INDEX_BEFORE)
    assert case_index.easy_share == pytest.approx(0.75, abs=0.01)
    assert case_index.kanji_share == pytest.approx(0.51, abs=0.01)
    assert {word for word, _ in service.hard_words} >= {"就労", "移行", "支援", "手帳", "受給者", "自立", "総合"}


# --- every seeded easy page -------------------------------------------------------------------------


def easy_pages():
    easy_locale = Locale.objects.get(language_code="ja-x-easy")
    source_pages = Page.objects.filter(locale=Locale.get_default(), depth__gt=1).order_by("path")
    assert source_pages.exists()
    return [(source, source.get_translation_or_none(easy_locale)) for source in source_pages]


@pytest.mark.django_db
def test_every_easy_page_meets_the_targets(client):
    failures = []
    for source, easy in easy_pages():
        if easy is None or not easy.live:
            failures.append(f"{source.url}: no live ja-x-easy translation")
            continue
        response = client.get(easy.url)
        if response.status_code != 200:
            failures.append(f"{easy.url}: status {response.status_code}")
            continue
        report = ej.measure(main_text(response.content.decode()))
        assert report.word_count > 0 and report.sentence_count > 0, easy.url
        failures += [f"{easy.url}: {problem}" for problem in report.problems]
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_the_site_header_and_footer_meet_the_targets(client):
    html = client.get("/ja-x-easy/").content.decode()
    chrome = main_text(html, chrome=True)
    assert "キャリア・サポート・パートナーズ" in chrome and "個人情報の使い方" in chrome
    assert ej.measure(chrome).problems == []


@pytest.mark.django_db
def test_the_page_text_measured_includes_the_form_and_every_question(client):
    contact = main_text(client.get("/ja-x-easy/contact/").content.decode())
    assert "メールアドレス" in contact  # a form label
    faq = main_text(client.get("/ja-x-easy/faq/").content.decode())
    first_question = "正式に使うには、どうすればいいですか"
    assert faq.count(first_question) == 1  # the question, which opens its answer (closed answers are measured too)
    assert "流れは、次のとおりです" in faq  # the first answer, closed until the question is opened
    assert "<rt>" not in faq and "しょうしき" not in faq  # no furigana
