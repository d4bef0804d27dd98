"""Ranking on the embedded backend: BM25F over the pre-analysed terms of search.models.SearchEntry.

The rows in the database are the truth; each process keeps an inverted index per locale in
memory and rebuilds it when the locale's version in IndexState changes (one small query per
search). Postings are compact arrays of length-normalised, field-weighted term frequencies
(BM25F); a query walks the postings of its own terms only.
"""

import bisect
import heapq
import itertools
import math
import re
import threading
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from django.utils.html import escape

from .analysis import KANA_ONLY, Token, analyse, fold, normalize_with_map, stem
from .models import IndexState, SearchEntry, Synonym

K1 = 1.6  # tuned on the tuning split (make search-eval)
B = 0.75
# alt: the same entry's terms in the sibling locale (search.index.SIBLINGS), as weaker evidence.
FIELD_BOOST = {"title": 3.0, "body": 1.0, "alt": 0.3}
FAQ_PRIOR = 1.0  # an FAQ boost over pages; the tuning split found no gain from one
SYNONYM_WEIGHT = 0.8
FUZZY_WEIGHT = 0.7
# low_confidence: the best entry must cover this share of the query's important words.
MIN_COVERAGE = 0.5  # tuned with GRAM_COVERAGE: most out-of-scope queries flagged, few answerable ones
MIN_COVERAGE_UNKNOWN = 0.6  # the same with a noun the site never uses (tuned like MIN_COVERAGE)
MIN_SCORE = 2.0
# Bigrams alone (no word or reading of the query word) are weak evidence that the word is there.
GRAM_COVERAGE = 0.6  # tuned with MIN_COVERAGE on the tuning split
MIN_IDF = 0.2  # a term in more than ~80% of the entries
REST_WEIGHT = 0.5  # the other matching forms of one query word (reading, surface, synonyms)
MAX_QUERY = 200  # characters analysed; longer input is cut, never refused
EXCERPT = 110
LATIN_WORD = re.compile(r"[a-z]{4,}")


@dataclass
class Entry:
    kind: str
    key: str
    title: str
    url: str
    text: str


@dataclass
class Hit:
    entry: Entry
    score: float
    excerpt: str = ""
    excerpt_html: str = ""


@dataclass
class Result:
    query: str
    hits: list = field(default_factory=list)
    low_confidence: bool = True


def damerau(a, b, limit):
    """Optimal string alignment distance, giving up early above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def deletes(word):
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class LocaleIndex:
    """Postings per term: entry numbers and length-normalised, field-weighted term frequencies
    (BM25F), in compact arrays so that 10,000s of entries fit in a web worker."""

    def __init__(self, rows):
        # alt_terms is optional: rows without it have no sibling evidence.
        rows = [{**r, **{f"{name}_terms": r.get(f"{name}_terms") or "" for name in FIELD_BOOST}} for r in rows]
        self.entries = [Entry(r["kind"], r["key"], r["title"], r["url"], r["text"]) for r in rows]
        n = self.n = len(rows)
        lengths = {
            name: [r[f"{name}_terms"].count(" ") + 1 if r[f"{name}_terms"] else 0 for r in rows] for name in FIELD_BOOST
        }
        avg = {name: (sum(v) / n if n else 1) or 1 for name, v in lengths.items()}
        ids, tfs = defaultdict(lambda: array("i")), defaultdict(lambda: array("f"))
        # Document frequencies count an entry's own words only: the sibling's words (alt) add evidence
        # but must not make the locale's own words look common.
        own = Counter()
        for i, row in enumerate(rows):
            weighted = defaultdict(float)
            for name, boost in FIELD_BOOST.items():
                if not boost:
                    continue
                norm = boost / (1 - B + B * lengths[name][i] / avg[name])
                for term, count in Counter(row[f"{name}_terms"].split()).items():
                    weighted[term] += count * norm
            own.update(set(row["title_terms"].split()) | set(row["body_terms"].split()))
            for term, tf in weighted.items():
                ids[term].append(i)
                tfs[term].append(tf)
        self.postings = {term: (ids[term], tfs[term]) for term in ids}
        self.idf = {}
        for term, (docs, _tf) in self.postings.items():
            df = own.get(term) or len(docs)
            self.idf[term] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        self.unknown_idf = math.log(1 + (n + 0.5) / 0.5)
        self.prior = [FAQ_PRIOR if e.kind == SearchEntry.KIND_FAQ else 1.0 for e in self.entries]
        self._saturated = {}
        self.latin = sorted(t for t in self.postings if t.isascii() and t.isalpha())
        # Single-deletion neighbourhoods of the English words as written, for typo tolerance
        # (SymSpell style): a typo changes the stem too much (disabilty → disabilti, not disabl).
        self.near = defaultdict(set)
        words = {w for e in self.entries for w in LATIN_WORD.findall(fold(f"{e.title} {e.text}"))}
        self.stems = {w: s for w in words if (s := stem(w)) in self.postings}
        for word in self.stems:
            self.near[word].add(word)
            for d in deletes(word):
                self.near[d].add(word)

    def saturated(self, term):
        """BM25's tf(k1 + 1)/(tf + k1) without the constant factor, computed once per term."""
        cached = self._saturated.get(term)
        if cached is None:
            docs, tfs = self.postings[term]
            cached = self._saturated[term] = (docs, array("f", [tf / (tf + K1) for tf in tfs]))
        return cached

    def contains(self, term, doc):
        posting = self.postings.get(term)
        return posting is not None and doc in posting[0]

    def fuzzy(self, word, surface=""):
        """Indexed stems near the unknown stem `word` (typed as `surface`)."""
        if word in self.postings or not (word.isascii() and word.isalpha()) or len(word) < 4:
            return []
        surface = fold(surface)
        if not (surface.isalpha() and stem(surface) == word):  # a synonym's word, not the one typed
            surface = word
        limit = 1 if len(surface) < 8 else 2
        candidates = set(self.near.get(surface, ()))
        for d in deletes(surface):
            candidates |= self.near.get(d, set())
        # Typos rarely hit the first letter; letter/better or return/retain are other words.
        found = {self.stems[c] for c in candidates if c[0] == surface[0] and damerau(surface, c, limit) <= limit}
        # Stems of one family the stemmer keeps apart (certifi/certif): a shared prefix of 5+.
        found |= {word[:n] for n in range(5, len(word)) if word[:n] in self.postings}
        if len(word) >= 6:
            at = bisect.bisect_left(self.latin, word[:-1])
            found |= set(itertools.takewhile(lambda t: t.startswith(word[:-1]), self.latin[at : at + 5]))
        return sorted(found)


_lock = threading.Lock()
_indexes = {}  # locale id -> (version, LocaleIndex)
_building = set()  # locale ids being rebuilt in the background
_synonyms = [None, []]  # [version, [(forms, expansions)]]
# Up to this many entries a changed index is rebuilt before answering (well under 100 ms);
# a larger one keeps answering from the previous version while a thread rebuilds it.
SYNC_REBUILD = 3000


def _build(locale_id, version):
    rows = SearchEntry.objects.filter(locale_id=locale_id).order_by("pk")
    built = LocaleIndex(rows.values("kind", "key", "title", "url", "text", "title_terms", "body_terms", "alt_terms"))
    _indexes[locale_id] = (version, built)
    return built


def _build_in_background(locale_id, version):
    from django.db import connection

    try:
        _build(locale_id, version)
    finally:
        _building.discard(locale_id)
        connection.close()


def locale_index(locale_id, versions):
    version = versions.get(f"entries:{locale_id}", "")
    cached = _indexes.get(locale_id)
    if cached and cached[0] == version:
        return cached[1]
    with _lock:
        cached = _indexes.get(locale_id)
        if cached and cached[0] == version:
            return cached[1]
        if cached and cached[1].n > SYNC_REBUILD:
            if locale_id not in _building:
                _building.add(locale_id)
                threading.Thread(target=_build_in_background, args=(locale_id, version), daemon=True).start()
            return cached[1]
        return _build(locale_id, version)


def synonym_rules(versions):
    version = versions.get("synonyms", "")
    if _synonyms[0] != version:
        rules = []
        for syn in Synonym.objects.all():
            if syn.term.isascii():
                # English matches on stems, so "crowds" uses the rule for "crowd".
                rules.append((["en:" + latin_stems(fold(syn.term))], " ".join(syn.expansions())))
                continue
            forms = {fold(syn.term)}
            tokens = analyse(syn.term)
            if len(tokens) == 1:
                # Match the reading too (おかね finds the rule for お金), and the dictionary form,
                # so that conjugated words find theirs (バレたくない → バレる); readings of a phrase
                # would match too loosely.
                forms |= {t[2:] for t in tokens[0].terms if t.startswith("r:") and len(t) > 4}
                forms |= {"n:" + t for t, w in tokens[0].terms.items() if ":" not in t and w == 1}  # not its parts
            rules.append((sorted(f for f in forms if f), " ".join(syn.expansions())))
        _synonyms[:] = [version, rules]
    return _synonyms[1]


def latin_stems(folded):
    return " ".join(stem(w) for w in re.findall(r"[a-z0-9]+", folded))


def find_form(compact, kept, starts, form):
    """Where a Japanese rule's word is in the query, as (start, end), across spaces. A word in
    kana must begin where a query word begins (`starts`): こうか (効果) is not in ひこうかい."""
    kana = KANA_ONLY.match(form)
    at = compact.find(form)
    while at >= 0:
        if not kana or kept[at] in starts or at == 0 or not KANA_ONLY.match(compact[at - 1]):
            return kept[at], kept[at + len(form) - 1] + 1
        at = compact.find(form, at + 1)
    return None


def analyse_query(text, index, rules):
    """Query groups (one per word, with synonym and typo expansions) as [(importance, {term: weight})]."""
    tokens = analyse(text, query=True)
    groups = [[token, dict(token.terms)] for token in tokens]
    folded = fold(text)
    query_stems = latin_stems(folded)
    # Japanese rules match across the spaces visitors put between words (いい ところ).
    kept = [i for i, c in enumerate(folded) if not c.isspace()]
    compact = "".join(folded[i] for i in kept)
    words = list(groups)  # the visitor's words: rules apply to these, never to each other's expansions
    starts = {token.start for token, _terms in words}

    def where(form):
        """The visitor's words a rule's form was found in, or None when it was not found."""
        if form.startswith("en:"):
            if f" {form[3:]} " not in f" {query_stems} ":
                return None
            stems = set(form[3:].split())
            return [g for g in words if g[0].surface.isascii() and stem(g[0].surface) in stems]
        if form.startswith("n:"):
            return [g for g in words if form[2:] in g[0].terms] or None
        span = find_form(compact, kept, starts, form)
        return None if span is None else [g for g in words if g[0].start < span[1] and g[0].end > span[0]]

    for forms, expansions in rules:
        form, targets = next(((f, found) for f in forms if (found := where(f)) is not None), (None, None))
        if form is None:
            continue
        extra = {}
        for token in analyse(expansions, query=True):
            for term, weight in token.terms.items():
                if not term.startswith("b:"):
                    extra[term] = max(extra.get(term, 0), weight * SYNONYM_WEIGHT)
        if not targets:
            targets = [g for g in groups if form in fold(g[0].surface) or fold(g[0].surface) in form]
        for group in targets:
            for term, weight in extra.items():
                group[1][term] = max(group[1].get(term, 0), weight)
        if not targets and extra:
            groups.append([Token(0, 0, form, noun=True), extra])
    known = getattr(index, "postings", None)  # None for Elasticsearch: its terms are not known here
    if known is not None:
        # "そうだん したい", "ただ ですか": kana without a content word only blur the question, unless the
        # site has them as a word or a synonym gives them one (いえから: Sudachi reads 言え, the site has 家).
        content = [g for g in groups if not g[0].function or any(t in known for t in g[1] if not t.startswith("b:"))]
        groups = content or groups
    result = []
    for token, terms in groups:
        for term, weight in list(terms.items()):
            if ":" not in term:
                for near in index.fuzzy(term, token.surface):
                    terms.setdefault(near, weight * FUZZY_WEIGHT)
        cap_synonyms(token, terms, index.idf)
        best = max(terms, key=lambda t: terms[t])
        importance = (1.0 if token.noun else 0.4) * index.idf.get(best, index.unknown_idf)
        result.append((importance, terms))
    return result


def cap_synonyms(token, terms, idf):
    """A synonym must not make the visitor's word more specific than it is: しごと (in many entries)
    expanded to 求人 (in two) would otherwise rank those two first. Expansions weigh at most as much as
    the rarest form the visitor typed that the site has."""
    own = [idf[t] for t in token.terms if t in idf and not t.startswith("b:")]
    if not own:
        return  # the synonym is the only evidence (タダ → 無料)
    cap = max(own)
    for term in terms.keys() - token.terms.keys():
        if idf.get(term, 0) > cap:
            terms[term] *= cap / idf[term]


def search(text, locale_id, limit=10):
    text = (text or "")[:MAX_QUERY]
    versions = IndexState.versions()
    index = locale_index(locale_id, versions)
    groups = analyse_query(text, index, synonym_rules(versions))
    weights = {}
    for _importance, terms in groups:
        for term, weight in terms.items():
            weights[term] = max(weights.get(term, 0), weight)
    # Terms in nearly every entry add almost nothing but cost a full walk: skip them if others exist.
    useful = {t for t in weights if t in index.postings}
    if any(index.idf[t] >= MIN_IDF for t in useful):
        useful = {t for t in useful if index.idf[t] >= MIN_IDF}
    scores = defaultdict(float)
    for _importance, terms in groups:
        # One word counts about once: its best form (word, reading, synonym) in full, its other
        # matching forms at REST_WEIGHT, or its bigrams together.
        best, rest, grams = {}, defaultdict(float), defaultdict(float)
        for term, weight in terms.items():
            if term not in useful:
                continue
            docs, saturated = index.saturated(term)
            factor = weight * index.idf[term] * (K1 + 1)
            if term.startswith("b:"):
                for i, value in zip(docs, saturated, strict=True):
                    grams[i] += factor * value
            else:
                for i, value in zip(docs, saturated, strict=True):
                    value *= factor
                    top = best.get(i, 0)
                    if value > top:
                        best[i] = value
                        rest[i] += top
                    else:
                        rest[i] += value
        for i, value in best.items():
            scores[i] += max(value + REST_WEIGHT * rest[i], grams.pop(i, 0))
        for i, value in grams.items():
            scores[i] += value
    # The best raw scores first (fast, in C), then the FAQ prior on those few candidates.
    prior = index.prior
    candidates = heapq.nlargest(max(3 * limit, 30), scores.items(), key=itemgetter(1))
    ranked = sorted(((s * prior[i], i) for i, s in candidates), key=lambda item: (-item[0], item[1]))[:limit]
    result = Result(query=text)
    if not ranked:
        return result
    top = ranked[0][0]
    hits = [Hit(index.entries[i], round(s, 4)) for s, i in ranked if s >= top * 0.25]
    result.hits = hits
    result.low_confidence = top < MIN_SCORE or is_low_confidence(
        groups, lambda t: index.contains(t, ranked[0][1]), index.postings.__contains__, index.unknown_idf
    )
    matched = {t for t in weights if not t.startswith("b:")}
    bigrams = {t for t in weights if t.startswith("b:")}
    literals = {t for t in matched if ":" not in t and len(t) > 1}
    for hit in hits:
        hit.excerpt, hit.excerpt_html = excerpt(hit.entry.text or hit.entry.title, matched, bigrams, literals)
    return result


def is_low_confidence(groups, contains, known, unknown_idf):
    """Whether the best entry (`contains(term)`) answers too little of the query to be its answer.

    A query with a noun the site never uses (車検, football; `known(term)` is false for all its
    forms) is about something else unless the entry covers clearly more of the rest."""
    unknown = any(importance >= unknown_idf and is_unknown(terms, known) for importance, terms in groups)
    return coverage(groups, contains) < (MIN_COVERAGE_UNKNOWN if unknown else MIN_COVERAGE)


def is_unknown(terms, known):
    """Whether the site has none of a query word's forms (its bigrams are no evidence)."""
    return not any(known(t) for t in terms if not t.startswith("b:"))


def coverage(groups, contains):
    """The share of the query's important words that an entry contains (`contains(term)`)."""
    total = found = 0.0
    for importance, terms in groups:
        total += importance
        found += importance * word_coverage(terms, contains)
    return found / total if total else 0.0


def word_coverage(terms, contains):
    """How fully one query word is present: its best matching form against its best form, or the
    share of its bigrams present (one bigram of three is a coincidence, not the word)."""
    best = max(terms.values())
    hit = max((w for t, w in terms.items() if not t.startswith("b:") and contains(t)), default=0)
    grams = {t: w for t, w in terms.items() if t.startswith("b:")}
    gram_share = sum(w for t, w in grams.items() if contains(t)) / sum(grams.values()) if grams else 0.0
    return min(1.0, max(hit / best, GRAM_COVERAGE * gram_share**2))


@lru_cache(maxsize=4096)
def _window_tokens(window):
    """(start, end, terms) of each word of an excerpt window; windows repeat, so cache them."""
    return [(t.start, t.end, frozenset(t.terms)) for t in analyse(window)]


def excerpt(text, terms, bigrams, literals):
    """A short passage around the matched words, as plain text and as HTML with <mark>.

    The window is found with plain string search (fast on long pages); only the window
    itself is analysed to mark the words that matched.
    """
    normalized, index = normalize_with_map(text)
    start = 0
    if literals:
        pattern = "|".join(re.escape(w) for w in sorted(literals, key=len, reverse=True))
        found = [m.start() for m in re.finditer(pattern, normalized)][:200]
        if found:
            best = max(found, key=lambda p: sum(1 for q in found if p <= q < p + EXCERPT - 20))
            start = index[best] if best < len(index) else 0
            start = max(0, start - 15)
    end = min(len(text), start + EXCERPT)
    window = text[start:end]
    _w_normalized, w_index = normalize_with_map(window)
    spans = []
    for t_start, t_end, token_terms in _window_tokens(window):
        grams = [t for t in token_terms if t.startswith("b:")]
        gram_hits = sum(1 for t in grams if t in bigrams)
        if terms.intersection(token_terms) or (grams and gram_hits >= max(2, len(grams) // 2 + 1)):
            s, e = w_index[t_start], w_index[t_end - 1] + 1
            if spans and s <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(e, spans[-1][1]))  # one <mark> for adjacent words
            else:
                spans.append((s, e))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    html, pos = [], 0
    for s, e in spans:
        html.append(escape(window[pos:s]))
        html.append(f"<mark>{escape(window[s:e])}</mark>")
        pos = e
    html.append(escape(window[pos:]))
    return prefix + window.replace("\n", " ") + suffix, (prefix + "".join(html) + suffix).replace("\n", " ")
