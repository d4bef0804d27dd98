"""Character classes of Japanese writing, shared by furigana and the checks on staff input."""

import re

KANJI = r"\u3005\u3006\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
HAS_KANJI = re.compile(f"[{KANJI}]")
KANJI_RUN = re.compile(f"([{KANJI}]+)")
HIRAGANA_WORD = re.compile(r"[\u3041-\u309f\u30fc]+")
