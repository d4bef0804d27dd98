"""What a search answers, whichever backend ranked it."""

from dataclasses import dataclass, field


@dataclass
class Entry:
    kind: str
    key: str
    title: str
    url: str
    text: str
    page_id: int | None = None  # checked on every answer (search.visibility)


@dataclass
class Hit:
    entry: Entry
    score: float
    excerpt: str = ""
    excerpt_html: str = ""


@dataclass
class Result:
    query: str
    hits: list = field(default_factory=list)
    low_confidence: bool = True


class BackendUnavailable(Exception):
    """An external backend could not answer; the database backend answers instead."""
