"""A visitor's query: cleaned, then analysed into words with their forms, synonyms and near spellings.

The same groups go to either backend (search.backends), which rank them alike.
"""

import unicodedata

from .analysis import Token, analyse, fold, stem
from .ranking import FUZZY_WEIGHT
from .schema import MAX_INPUT
from .synonyms import SYNONYM_WEIGHT, cap_synonyms, find_form, latin_stems

MAX_QUERY = 200  # characters analysed; longer input is cut, never refused


def clean_query(text):
    """Drop control and unassigned characters, collapse whitespace, cut to MAX_INPUT."""
    text = (text or "")[: MAX_INPUT * 2]
    kept = "".join(
        " " if c.isspace() else c
        for c in text
        if unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co", "Cn"} or c.isspace()
    )
    return " ".join(kept.split())[:MAX_INPUT]


class Vocabulary:
    """What query analysis may know of a backend's index: its terms (postings), their idf and near
    spellings. This default knows none of them, as for Elasticsearch, which keeps its statistics
    to itself and matches near spellings with its own fuzzy queries."""

    postings = None
    idf: dict = {}  # read only
    unknown_idf = 1.0

    def fuzzy(self, word, surface=""):
        return []


def analyse_query(text, vocabulary, rules):
    """Query groups (one per word, with synonym and typo expansions) as [(importance, {term: weight})].

    `rules` are search.synonyms.synonym_rules(); `vocabulary` is what the backend knows of its terms.
    """
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
    known = vocabulary.postings
    if known is not None:
        # "そうだん したい", "ただ ですか": kana without a content word only blur the question, unless the
        # site has them as a word or a synonym gives them one (いえから: Sudachi reads 言え, the site has 家).
        content = [g for g in groups if not g[0].function or any(t in known for t in g[1] if not t.startswith("b:"))]
        groups = content or groups
    result = []
    for token, terms in groups:
        for term, weight in list(terms.items()):
            if ":" not in term:
                for near in vocabulary.fuzzy(term, token.surface):
                    terms.setdefault(near, weight * FUZZY_WEIGHT)
        cap_synonyms(token, terms, vocabulary.idf)
        best = max(terms, key=lambda t: terms[t])
        importance = (1.0 if token.noun else 0.4) * vocabulary.idf.get(best, vocabulary.unknown_idf)
        result.append((importance, terms))
    return result
