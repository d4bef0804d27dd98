"""The one Sudachi dictionary of the process, and tokenizers on it.

Loading the dictionary takes about 0.2 s and tens of MB, so every user of Japanese analysis
(furigana, the easy-Japanese measures, search) shares this one. Tokenizers are not
thread-safe, the dictionary is: each thread gets its own tokenizer per split mode.
"""

import threading
from functools import lru_cache

from sudachipy import Dictionary, SplitMode

__all__ = ["SplitMode", "dictionary", "to_hiragana", "tokenizer"]

_local = threading.local()


@lru_cache(maxsize=1)
def dictionary():
    return Dictionary()


def tokenizer(mode=SplitMode.C):
    """This thread's tokenizer in `mode` (C: the longest units; B: middle; A: the shortest)."""
    tokenizers = getattr(_local, "tokenizers", None)
    if tokenizers is None:
        tokenizers = _local.tokenizers = {}
    key = str(mode)  # SplitMode values are not hashable
    tok = tokenizers.get(key)
    if tok is None:
        tok = tokenizers[key] = dictionary().tokenizer(mode=mode)
    return tok


def to_hiragana(text):
    """Katakana to hiragana (readings come in katakana): ジュギョウ → じゅぎょう."""
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)
