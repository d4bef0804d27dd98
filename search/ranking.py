"""Weights that both backends rank with, so that they order results alike."""

# BM25F field weights of an index row: the question or title, the text, and the same entry's
# terms in the sibling locale (search.index.SIBLINGS) as weaker evidence.
FIELD_BOOST = {"title": 3.0, "body": 1.0, "alt": 0.3}
# One query word counts about once: its best matching form in full, its other forms (reading,
# surface, synonyms) at this weight.
REST_WEIGHT = 0.5
# A near spelling of an English word (typo tolerance), against the word as typed.
FUZZY_WEIGHT = 0.7
