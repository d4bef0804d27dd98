"""Excerpts of a result: a short passage around the matched words, with <mark> in the HTML."""

import re
from functools import lru_cache

from django.utils.html import escape

from .analysis import analyse, normalize_with_map

EXCERPT = 110  # characters


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
