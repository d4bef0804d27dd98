"""Furigana (ruby) for easy-Japanese pages, generated from SudachiPy readings.

Readings come from the morphological analyser; staff correct its known misreadings with
FuriganaOverride entries (方 in お持ちの方 is かた, not ほう). Results are cached per text
and override version, so a page render analyses each string once per process.
"""

import functools
import re

from django.core.cache import cache

from .counters import split_counted
from .models import FuriganaOverride
from .scripts import HAS_KANJI, KANJI_RUN
from .sudachi import SplitMode, to_hiragana, tokenizer
from .typography import BOUNDARY, WBR

# Markup and entities in already-escaped HTML are never analysed.
MARKUP = re.compile(r"(<[^>]+>|&[#\w]+;)")
OVERRIDES_CACHE_KEY = "furigana-overrides"


def ruby(surface, reading):
    """Ruby for one word, with okurigana left outside: 持ち/もち -> <ruby>持<rt>も</rt></ruby>ち."""
    parts = KANJI_RUN.split(surface)
    # kanji runs become groups, kana between them must match literally
    pattern = "".join("(.+?)" if i % 2 else re.escape(to_hiragana(p)) for i, p in enumerate(parts))
    match = re.fullmatch(pattern, reading)
    if not match:
        return _tag(surface, reading)
    groups = iter(match.groups())
    return "".join(_tag(p, next(groups)) if i % 2 else p for i, p in enumerate(parts))


def _tag(base, reading):
    # The reading is drawn by CSS from data-ruby with empty alternative text (static/css/site.css):
    # seen above the word, but not in its accessible name, not as a description and not copied.
    # A number with its counter is marked, so that its digits stay together under the reading.
    attribute = ' class="number"' if DIGIT.match(base) else ""
    return f'<ruby{attribute}>{base}<rt data-ruby="{reading}"></rt></ruby>'


DIGIT = re.compile(r"[0-9０-９]")


def _analyse(text):
    out = []
    for token in tokenizer(SplitMode.C).tokenize(text):
        surface = token.surface()
        reading = to_hiragana(token.reading_form())
        if not HAS_KANJI.search(surface) or not reading or HAS_KANJI.search(reading):
            out.append(surface)
        elif DIGIT.search(surface):
            # Sudachi reads digits one by one inside a token (100万 → いちれいれいまん):
            # keep the digits plain and read only the kanji (万 → まん).
            out.append(KANJI_RUN.sub(lambda m: _tag(m.group(1), _reading_alone(m.group(1))), surface))
        else:
            out.append(ruby(surface, reading))
    return "".join(out)


def _reading_alone(kanji):
    return to_hiragana("".join(t.reading_form() for t in tokenizer(SplitMode.C).tokenize(kanji)))


def overrides():
    """((word, reading), …) from the staff-editable list, longest words first.

    Cached for a minute across processes; saving an override clears it at once here.
    """
    return cache.get_or_set(OVERRIDES_CACHE_KEY, _load_overrides, 60)


def _load_overrides():
    pairs = FuriganaOverride.objects.values_list("word", "reading")
    return tuple(sorted(((w, to_hiragana(r)) for w, r in pairs), key=lambda p: -len(p[0])))


def clear_overrides_cache():
    cache.delete(OVERRIDES_CACHE_KEY)


# Elements whose text must stay plain: existing ruby, the document title, form option
# labels and text areas (which cannot hold markup), scripts and styles.
SKIP_ELEMENTS = {"ruby", "rt", "rp", "title", "option", "textarea", "script", "style", "template", "code"}
TAG_NAME = re.compile(r"<(/?)([a-zA-Z][\w-]*)")


def add_ruby(html):
    """Add furigana to the text parts of escaped HTML, leaving markup and SKIP_ELEMENTS alone.

    A reading is an attribute, not text (see _tag): screen readers and copy get each word once.

    Phrase breaks (<wbr>, language/typography.py) are read through, so that a word split
    by them is still analysed whole, and put back wherever they do not fall inside a ruby.
    """
    entries = overrides()
    out = []
    skipping = []  # open skipped elements
    for part in MARKUP.split(html.replace(WBR, BOUNDARY)):
        if not part:
            continue
        if part.startswith("<"):
            tag = TAG_NAME.match(part)
            if tag and tag.group(2).lower() in SKIP_ELEMENTS:
                if tag.group(1):
                    if skipping:
                        skipping.pop()
                elif not part.endswith("/>"):
                    skipping.append(tag.group(2).lower())
            out.append(part)
        elif part.startswith("&") or skipping:
            out.append(part)
        elif BOUNDARY in part:
            out.append(_ruby_across_boundaries(part, entries))
        else:
            out.append(_ruby_text(part, entries))
    return "".join(out).replace(BOUNDARY, WBR)


RUBY_PARTS = re.compile(r"(<[^>]+>)")


def _ruby_across_boundaries(text, entries):
    """Ruby for text holding phrase boundaries: analysed without them, then each put back
    before the same base character, unless that character is inside a <ruby> (a word)."""
    cuts, count = set(), 0
    for char in text:
        if char == BOUNDARY:
            cuts.add(count)
        else:
            count += 1
    html = _ruby_text(text.replace(BOUNDARY, ""), entries)
    out, count, in_ruby, in_reading = [], 0, False, False
    for part in RUBY_PARTS.split(html):
        if part.startswith("<"):
            name = TAG_NAME.match(part)
            tag = name.group(2).lower() if name else ""
            if tag == "ruby" and not name.group(1) and count in cuts:
                out.append(BOUNDARY)  # a boundary before a word: before its <ruby>
                cuts.discard(count)
            if tag == "ruby":
                in_ruby = not name.group(1)
            elif tag in ("rt", "rp"):
                in_reading = not name.group(1)
            out.append(part)
            continue
        if in_reading:
            out.append(part)
            continue
        for char in part:
            if count in cuts and not in_ruby:
                out.append(BOUNDARY)
                cuts.discard(count)
            out.append(char)
            count += 1
    if count in cuts:
        out.append(BOUNDARY)
    return "".join(out)


@functools.lru_cache(maxsize=20_000)
def _ruby_text(text, entries):
    """Staff readings first, then numbers with their counters (one ruby over both), then the analyser."""
    if not HAS_KANJI.search(text):
        return text
    if entries:
        words = "|".join(re.escape(w) for w, _ in entries)
        readings = dict(entries)
        pieces = re.split(f"({words})", text)
        return "".join(ruby(p, readings[p]) if i % 2 else _counted(p) for i, p in enumerate(pieces))
    return _counted(text)


def _counted(text):
    return "".join(_analyse(part) if said is None else _tag(part, said) for part, said in split_counted(text))
