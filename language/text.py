"""Turn editors' plain text into safe, language-marked HTML.

One place for this so that every block renders text the same way: escaping, paragraphs and
`lang` on foreign-language runs (WCAG 3.1.2). Furigana is added to whole easy-Japanese
responses by language.middleware.FuriganaMiddleware, so UI strings get it too.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import typography
from .locales import ENGLISH, base_language, is_easy

# Japanese script runs (kanji, kana, iteration marks, long vowel mark) on English pages.
JAPANESE_RUN = re.compile(
    r"[\u3005\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f][\u3005\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f・ー]*"
)
# English words on Japanese pages: Latin runs with a lowercase letter ("e-learning",
# "Microsoft Office Specialist"); all-capital abbreviations such as PC or MOS are read
# as Japanese loanwords and are left alone.
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z\-']*(?:[ \-][A-Za-z][A-Za-z\-']*)*")


def mark_language_runs(escaped, language_code):
    """Wrap runs in the other script with a `lang` span. Input must already be escaped."""
    if base_language(language_code) == ENGLISH:
        return JAPANESE_RUN.sub(lambda m: f'<span lang="ja">{m.group(0)}</span>', escaped)

    def english(match):
        word = match.group(0)
        if not any(c.islower() for c in word):
            return word
        return f'<span lang="en">{word}</span>'

    return _outside_entities(ENGLISH_RUN, english, escaped)


def _outside_entities(pattern, replace, escaped):
    # Escaped text holds entities such as &quot; and &#x27;: never rewrite inside them.
    parts = re.split(r"(&[#\w]+;)", escaped)
    return "".join(
        part if part.startswith("&") and part.endswith(";") else pattern.sub(replace, part) for part in parts
    )


def inline_html(text, language_code, phrases=True):
    """One line of text (a title, a question) as escaped, language-marked HTML.

    Japanese text gets a <wbr> between its phrases, where the stylesheet lets short texts
    (headings, cells, buttons) break; `phrases=False` for running prose, which breaks freely.
    """
    if phrases and base_language(language_code) != ENGLISH:
        marked = mark_language_runs(escape(typography.mark_boundaries(text)), language_code)
        return typography.boundaries_to_html(marked)
    return mark_language_runs(escape(text), language_code)


def prose_html(text, language_code):
    """Plain text as paragraphs: each non-empty line is one <p>."""
    lines = [line.strip() for line in (text or "").splitlines()]
    return "".join(f"<p>{inline_html(line, language_code, phrases=False)}</p>" for line in lines if line)


def safe(html):
    return mark_safe(html)  # noqa: S308 - built only from escaped text above


def clock(value):
    """A time as H:MM (9:30), the way the office writes times."""
    return f"{value.hour}:{value.minute:02d}" if value else ""


def clock_range(start, end, language_code):
    """10:00~17:00 in Japanese, 10:00–17:00 in English; an open range (15:00~) has no end."""
    return f"{clock(start)}{typography.range_separator(language_code)}{clock(end)}"


WEEKDAYS_JA = "月火水木金土日"
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(value, language_code, year=False):
    """A day with its weekday: 12月3日(木) / 12月3日(木曜日) in easy Japanese / Thursday 3 December."""
    if base_language(language_code) == ENGLISH:
        return f"{WEEKDAYS_EN[value.weekday()]} {value.day} {MONTHS_EN[value.month - 1]}" + (
            f" {value.year}" if year else ""
        )
    weekday = WEEKDAYS_JA[value.weekday()] + ("曜日" if is_easy(language_code) else "")
    return (f"{value.year}年" if year else "") + f"{value.month}月{value.day}日({weekday})"
