"""Line breaking and punctuation that fit each language.

Japanese has no spaces, so a browser may break a line between any two characters, even in the
middle of a word (就職 → 就 / 職). BudouX splits a text into phrases (文節); templates put a
`<wbr>` between them, and the stylesheet (`word-break: keep-all` on headings, table cells,
buttons and labels) lets lines break only there. Latin words are never split: boundaries that
fall inside a Latin run are dropped, and the stylesheet never sets `break-all` on English text.
"""

import functools
import re

import budoux

from .locales import ENGLISH, base_language

# Sentinel for a phrase boundary while text is escaped and language-marked (a private-use
# character: it is neither Japanese nor Latin, so no regex in language marking matches it).
BOUNDARY = "\ue000"
WBR = "<wbr>"
JAPANESE = re.compile(r"[\u3005\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]")
LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-'.,:/]*(?: [A-Za-z0-9][A-Za-z0-9\-'.,:/]*)*")
# A line never starts with a closing bracket or a small mark, never ends with an opening bracket
# (JIS X 4051 禁則): a phrase made only of them joins its neighbour.
OPENING = "([{「『【〔〈《(["
CLOSING = ")]}」』】〕〉》)]、。,.?!?!:;・ー"

_parser = budoux.load_default_japanese_parser()


@functools.lru_cache(maxsize=20_000)
def phrases(text):
    """The phrases of a Japanese text, joined back they give the text: ("お持ちの", "方は", …)."""
    if not text or not JAPANESE.search(text):
        return (text,) if text else ()
    latin = [m.span() for m in LATIN_RUN.finditer(text)]
    out = []
    position = 0
    for phrase in _parser.parse(text):
        inside_latin = any(start < position < end for start, end in latin)
        if out and (inside_latin or set(phrase) <= set(CLOSING) or set(out[-1]) <= set(OPENING)):
            out[-1] += phrase
        else:
            out.append(phrase)
        position += len(phrase)
    return tuple(out)


def mark_boundaries(text):
    """The text with BOUNDARY between its phrases (for escaping, then `boundaries_to_html`)."""
    return BOUNDARY.join(phrases(text))


def boundaries_to_html(html):
    return html.replace(BOUNDARY, WBR)


# Ranges ("10:00 to 17:00"): Japanese writes a wave dash, English an en dash, unspaced.
RANGE_SEPARATORS = {ENGLISH: "\u2013"}
JAPANESE_RANGE = "~"


def range_separator(language_code):
    return RANGE_SEPARATORS.get(base_language(language_code or "ja"), JAPANESE_RANGE)
