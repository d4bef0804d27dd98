"""The contract of the site search API, GET /api/search/ (search/api.py), and its limits.

cms/api puts it into the site's one OpenAPI document; tests/test_api_schema.py checks real
responses of the view against it.
"""

from typing import Literal

from pydantic import Field

from core.schema import LocaleCode, Strict

SEARCH_PATH = "/api/search/"
DEFAULT_LIMIT = 10
MAX_LIMIT = 50
MAX_INPUT = 2000  # characters of `q`; longer input is cut, not refused


class SearchResult(Strict):
    id: str = Field(
        description="FAQ entries: the FAQ block id (e.g. faq-cost); glossary terms: the term's anchor "
        "(e.g. term-jukyushasho); pages: the page's translation_key. All are the same in every locale."
    )
    type: Literal["faq", "term", "page"]
    title: str
    url: str = Field(
        description="Where the result is on the website; FAQ entries and glossary terms end with their #anchor."
    )
    excerpt: str
    score: float


class SearchResponse(Strict):
    query: str
    locale: LocaleCode
    count: int
    low_confidence: bool = Field(description="True when no result matched well; show a way to ask the office.")
    results: list[SearchResult]


class SearchErrorDetail(Strict):
    code: Literal["invalid_locale", "invalid_limit"]
    message: str


class SearchError(Strict):
    """The search view's own error body (it predates the API's problem+json)."""

    error: SearchErrorDetail


def search_parameters():
    return [
        {
            "name": "q",
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
            "description": "Search words; empty or missing gives no results (low_confidence true).",
        },
        {
            "name": "locale",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": list(LocaleCode.__args__), "default": "ja"},
        },
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
        },
    ]
