"""Text analysis for search: Japanese (SudachiPy), easy Japanese (hiragana) and English.

The same analysis runs on documents (at index time) and on queries, on every backend, so
that SQLite, PostgreSQL and Elasticsearch see the same terms. A term is one of:

- a word: Sudachi's normalized form (手帳, 掛かる) or an English stem (interview);
- ``r:`` + a reading in hiragana (r:てちょう), so that ひよう finds 費用;
- ``b:`` + a hiragana bigram (b:てち), so that kana-only queries Sudachi cannot segment
  (しゅうしょく, おかねかかる) still meet the readings of kanji words.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from language.sudachi import SplitMode, to_hiragana, tokenizer

# Change whenever the stored terms change (analysis or what an entry carries): `migrate` rebuilds.
VERSION = "2026-11-26.5"

# Sudachi refuses one input over ~49 KB; Japanese runs are cut well below that.
MAX_RUN = 2000

# Kana, kanji, iteration marks and the digits or letters before them ("24か月", "A型") go to Sudachi as one run;
# Latin words and numbers go through the English pipeline.
TOKEN = re.compile(
    r"(?P<ja>[a-z0-9]*[\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
    r"[0-9\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]*)"
    r"|(?P<latin>[a-z0-9]+(?:'[a-z]+)?)"
)
KANA_ONLY = re.compile(r"^[\u3041-\u309f\u30a0-\u30ffー]+$")
# Particles that end a typed kana word ("ひとが", "ばすの", "いえで"): the word's reading is the
# run without them. と, も and や are left alone: too many words end with them (しごと, あと).
TRAILING_PARTICLE = re.compile(r"(?<=..)(?:から|まで|より|って|が|の|を|は|に|で|へ)$")

# Parts of speech that carry meaning; particles, auxiliaries and symbols do not.
CONTENT_POS = {"名詞", "代名詞", "動詞", "形容詞", "形状詞", "副詞", "連体詞", "接頭辞", "接尾辞", "感動詞"}
NOUN_POS = {"名詞", "代名詞", "形状詞"}
INFLECTING_POS = {"動詞", "形容詞"}
# Normalized forms so frequent in questions that they only add noise.
JA_STOP = {
    "為る",
    "居る",
    "有る",
    "在る",
    "成る",
    "出来る",
    "事",
    "こと",
    "もの",
    "ところ",
    "ため",
    "物",
    "御",
    "無い",
    "無し",
    "なし",
    "良い",
    "です",
    "ます",
    "此れ",
    "其れ",
    "何",
    "貰う",
    "呉れる",
    "頂く",
    "下さる",
    "思う",
    "言う",
    "様",
    "的",
}
# Not stop words here: after, before, during, until, without ("without a certificate").
EN_STOP = set(
    """a about above again all am an and any are as at be because been being below between both
    but by can could did do does doing down each few for from further had has have having he her here hers him
    his how i if in into is it its itself just me more most my myself no nor not of off on once only or other our ours
    out over own same she should so some such than that the their theirs them then there these they this those through
    to too under up very was we were what when where which while who whom why will with would you your yours
    yourself im i'm dont don't does doesn't isn't can't cannot want need get got please tell know""".split()
)
# Typed without the apostrophe, and the family member a relative asks for ("my son doesnt have …"):
# the question is the same as the visitor's own.
EN_STOP |= set(
    """doesnt isnt cant wont didnt arent ive id youre hes shes theyre whats thats theres
    son sons daughter daughters child children kid kids husband wife brother sister""".split()
)
EN_STOP_STEMS = {snowballstemmer.stemmer("english").stemWord(w) for w in EN_STOP if "'" not in w}


@lru_cache(maxsize=20_000)
def lemma_reading(lemma):
    """The reading of a dictionary form (使える → つかえる)."""
    return to_hiragana("".join(m.reading_form() for m in tokenizer().tokenize(lemma)))


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def stem(word):
    return _stemmer().stemWord(word)


def fold(text):
    """Width, case and kana folding for matching: ﾃﾁｮｳ / テチョウ / てちょう are the same."""
    return to_hiragana(unicodedata.normalize("NFKC", text).lower())


def normalize_with_map(text):
    """NFKC + lowercase, with each output character's source index."""
    whole = unicodedata.normalize("NFKC", text).lower()
    if len(whole) == len(text):  # the usual case: one character for one
        return whole, range(len(text))
    out, index = [], []
    for i, c in enumerate(text):
        n = unicodedata.normalize("NFKC", c).lower()
        out.append(n)
        index.extend([i] * len(n))
    return "".join(out), index


def bigrams(kana):
    return [kana[i : i + 2] for i in range(len(kana) - 1)]


@dataclass
class Token:
    """One word of a text: where it is (in the normalized text) and the terms it yields."""

    start: int
    end: int
    surface: str
    terms: dict = field(default_factory=dict)  # term -> weight
    noun: bool = False
    function: bool = False  # a kana run of particles and auxiliaries only (ですか, したい)


def _add(terms, term, weight):
    if term and weight > terms.get(term, 0):
        terms[term] = weight


def _japanese_tokens(run, offset, query):
    tokens = []
    for start in range(0, len(run), MAX_RUN):
        chunk = run[start : start + MAX_RUN]
        for m in tokenizer().tokenize(chunk):
            pos = m.part_of_speech()[0]
            norm = m.normalized_form()
            if pos not in CONTENT_POS or norm in JA_STOP or (KANA_ONLY.match(norm) and len(norm) == 1):
                continue  # a single kana (the さ of 良さ) is a suffix, not a word
            reading = to_hiragana(m.reading_form())
            surface = m.surface()
            terms = {}
            _add(terms, norm.lower(), 1.0)
            if surface != norm and not KANA_ONLY.match(surface):
                _add(terms, surface.lower(), 1.0)
            # Parts of compounds: 障害者手帳 also answers 手帳.
            parts = m.split(SplitMode.A)
            if len(parts) > 1:
                for part in parts:
                    if part.part_of_speech()[0] in CONTENT_POS and len(part.surface()) > 1:
                        _add(terms, part.normalized_form().lower(), 0.6)
            # Readings of numbers (3 → みっ) and of single kana only add noise.
            if len(reading) > 1 and reading != "きごう" and not surface.isdigit():
                _add(terms, "r:" + reading, 0.5)
                if not query:
                    grams = bigrams(reading)
                    for gram in grams:
                        _add(terms, "b:" + gram, 1.0 / len(grams))
            if pos in INFLECTING_POS:
                # Visitors type verbs in hiragana in their dictionary form: 使えます is also
                # つかえる and つかう.
                for lemma in {m.dictionary_form(), norm}:
                    if lemma != surface:
                        _add(terms, "r:" + lemma_reading(lemma), 0.5)
            begin = offset + start + m.begin()
            tokens.append(Token(begin, offset + start + m.end(), surface, terms, pos in NOUN_POS))
    return tokens


def _latin_token(word, start):
    terms = {}
    if word.isdigit():
        terms[word] = 1.0
    elif word not in EN_STOP and (stemmed := stem(word.replace("'", ""))) not in EN_STOP_STEMS:
        terms[stemmed] = 1.0  # "gets" and "getting" are as empty as "get"
    else:
        return None
    return Token(start, start + len(word), word, terms, noun=not word.isdigit())


def analyse(text, query=False):
    """The tokens of `text` with their terms and positions in `normalize_with_map(text)[0]`.

    For queries (query=True), kana-only runs also yield their whole folded form as a reading
    and their bigrams: easy-Japanese visitors type おかね かかる, not お金がかかる.
    """
    normalized, _ = normalize_with_map(text or "")
    tokens = []
    for match in TOKEN.finditer(normalized):
        if match.group("latin"):
            token = _latin_token(match.group("latin"), match.start())
            if token:
                tokens.append(token)
            continue
        run = match.group("ja")
        words = _japanese_tokens(run, match.start(), query)
        if query and KANA_ONLY.match(run) and len(run) > 1:
            # Sudachi often mis-segments long hiragana; keep its words as one group with the
            # run's own reading and bigrams.
            kana = to_hiragana(run)
            terms = {"r:" + kana: 0.6}
            stripped = TRAILING_PARTICLE.sub("", kana)
            if stripped != kana:
                terms["r:" + stripped] = 0.6
                kana = stripped
            grams = bigrams(kana)
            for gram in grams:
                _add(terms, "b:" + gram, 0.8 / len(grams))
            for word in words:
                # A word Sudachi found in part of the run stands for that part only: 行く in
                # ぜいきん is not the visitor's word (and a mis-split must not look like a match).
                share = min(1.0, (word.end - word.start) / len(kana))
                for term, weight in word.terms.items():
                    _add(terms, term, weight * 0.7 * share)
            noun = any(w.noun for w in words) or len(kana) > 2
            words = [Token(match.start(), match.end(), run, terms, noun, function=not words)]
        tokens.extend(words)
    return tokens


def terms_of(text):
    """Every term of `text`, repeated as often as it occurs (for term frequencies)."""
    out = []
    for token in analyse(text):
        out.extend(token.terms)
    return out
