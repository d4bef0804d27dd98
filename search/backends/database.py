"""The embedded backend: BM25F over the pre-analysed terms of search.models.SearchEntry.

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
from operator import itemgetter

from ..analysis import fold, stem
from ..confidence import is_low_confidence
from ..excerpts import excerpt
from ..models import IndexState, SearchEntry
from ..query import MAX_QUERY, Vocabulary, analyse_query
from ..ranking import FIELD_BOOST, REST_WEIGHT, terms_in_place
from ..results import Entry, Hit, Result
from ..synonyms import synonym_rules

K1 = 1.6  # tuned on the tuning split (make search-eval)
B = 0.75
MIN_SCORE = 2.0  # a best score below this is low confidence, whatever it covers
MIN_IDF = 0.2  # a term in more than ~80% of the entries
LATIN_WORD = re.compile(r"[a-z]{4,}")


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


class LocaleIndex(Vocabulary):
    """Postings per term: entry numbers and length-normalised, field-weighted term frequencies
    (BM25F), in compact arrays so that 10,000s of entries fit in a web worker."""

    def __init__(self, rows):
        # alt_terms is optional: rows without it have no sibling evidence.
        rows = [{**r, **{f"{name}_terms": r.get(f"{name}_terms") or "" for name in FIELD_BOOST}} for r in rows]
        self.entries = [Entry(r["kind"], r["key"], r["title"], r["url"], r["text"], r.get("page_id")) for r in rows]
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
# Up to this many entries a changed index is rebuilt before answering (well under 100 ms);
# a larger one keeps answering from the previous version while a thread rebuilds it.
SYNC_REBUILD = 3000


def _build(locale_id, version):
    rows = SearchEntry.objects.filter(locale_id=locale_id).order_by("pk")
    built = LocaleIndex(
        rows.values("kind", "key", "page_id", "title", "url", "text", "title_terms", "body_terms", "alt_terms")
    )
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
    # The best scores first (fast, in C); ties in entry order, so that results are stable.
    candidates = heapq.nlargest(max(3 * limit, 30), scores.items(), key=itemgetter(1))
    ranked = sorted(((s, i) for i, s in candidates), key=lambda item: (-item[0], item[1]))[:limit]
    result = Result(query=text)
    if not ranked:
        return result
    top = ranked[0][0]
    hits = [Hit(index.entries[i], round(s, 4)) for s, i in ranked if s >= top * 0.25]
    result.hits = hits
    terms_in_place(result)
    result.low_confidence = top < MIN_SCORE or is_low_confidence(
        groups, lambda t: index.contains(t, ranked[0][1]), index.postings.__contains__, index.unknown_idf
    )
    matched = {t for t in weights if not t.startswith("b:")}
    bigrams = {t for t in weights if t.startswith("b:")}
    literals = {t for t in matched if ":" not in t and len(t) > 1}
    for hit in hits:
        hit.excerpt, hit.excerpt_html = excerpt(hit.entry.text or hit.entry.title, matched, bigrams, literals)
    return result


class DatabaseBackend:
    name = "database"

    def search(self, text, locale, limit):
        return search(text, locale.pk, limit)

    def update_pages(self, page_ids):
        """Rows in the database are already current; the in-memory index follows IndexState."""

    def after_rebuild(self):
        pass
