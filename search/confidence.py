"""Whether a search found the visitor's answer or only something near it (`low_confidence`).

A result page then offers the phone number and common questions instead of a wrong answer.
"""

# The best entry must cover this share of the query's important words.
MIN_COVERAGE = 0.5  # tuned with GRAM_COVERAGE: most out-of-scope queries flagged, few answerable ones
MIN_COVERAGE_UNKNOWN = 0.6  # the same with a noun the site never uses (tuned like MIN_COVERAGE)
# Bigrams alone (no word or reading of the query word) are weak evidence that the word is there.
GRAM_COVERAGE = 0.6  # tuned with MIN_COVERAGE on the tuning split


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
