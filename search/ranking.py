"""Weights that both backends rank with, so that they order results alike."""

import re

# BM25F field weights of an index row: the question or title, the text, and the same entry's
# terms in the sibling locale (search.index.SIBLINGS) as weaker evidence.
FIELD_BOOST = {"title": 3.0, "body": 1.0, "alt": 0.3}
# One query word counts about once: its best matching form in full, its other forms (reading,
# surface, synonyms) at this weight.
REST_WEIGHT = 0.5
# A near spelling of an English word (typo tolerance), against the word as typed.
FUZZY_WEIGHT = 0.7

# A glossary term answers "what is X?" (受給者証とは, 手帳って何, what is a recipient certificate) or
# the bare term; for any other question (手帳 ない: "can I use it without one?") the FAQ answer
# or page comes first and the term's definition after them (see `terms_in_place`).
DEFINITION_QUERY = re.compile(
    r"とは|って\s*(なに|何|なん)|とは何|の意味|意味|いみ|用語|ことば|\bwhat\s+(is|are|does|do)\b|\bmean(s|ing)?\b|\bdefin|\bglossary\b",
    re.I,
)


def asks_for_a_definition(query):
    return bool(DEFINITION_QUERY.search(query))


def terms_in_place(result):
    """Put glossary terms after the other results unless the query asks what a term means or is
    the term itself; their scores follow, so that scores still order the results. Both backends
    call this on their hits."""
    if result is None:
        return result
    query = result.query.strip().casefold()
    if asks_for_a_definition(result.query):
        # The term named in the question first (受給者証とは: 受給者証, not 自立支援医療受給者証).
        named = [h for h in result.hits if h.entry.kind == "term" and h.entry.title.casefold() in query]
        named = [h for h in named if len(h.entry.title) == max(len(n.entry.title) for n in named)][:1]
        kept, later = named, [h for h in result.hits if h not in named]
    else:
        kept = [h for h in result.hits if h.entry.kind != "term" or h.entry.title.casefold() == query]
        later = [h for h in result.hits if h not in kept]
    if kept and later:
        if len(kept) == 1:  # the named term: scores still order the results
            kept[0].score = max(kept[0].score, max(h.score for h in later))
        floor = min(h.score for h in kept)
        for hit in later:
            hit.score = round(min(hit.score, floor * 0.9), 4)
    result.hits = kept + later
    return result
