"""What the page and the API share: cleaning the query and running it in one locale."""

import unicodedata

from wagtail.models import Locale

from .backends import get_backend

MAX_INPUT = 2000  # longer input is cut, not refused
DEFAULT_LIMIT = 10
MAX_LIMIT = 50


def clean_query(text):
    """Drop control and unassigned characters, collapse whitespace, cut to MAX_INPUT."""
    text = (text or "")[: MAX_INPUT * 2]
    kept = "".join(
        " " if c.isspace() else c
        for c in text
        if unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co", "Cn"} or c.isspace()
    )
    return " ".join(kept.split())[:MAX_INPUT]


def run(text, language_code, limit=DEFAULT_LIMIT):
    """Search `text` in the locale of `language_code`; None when that locale does not exist."""
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    return get_backend().search(clean_query(text), locale, limit)
