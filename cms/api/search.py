"""The documented contract of the site search API, GET /api/search/ (implemented in search/api.py).

The search view lives in the search app; it is described here so that one OpenAPI document covers the
whole public API. tests/test_api_schema.py checks real responses of that view against this contract.
"""

from typing import Literal

from pydantic import Field

from .content import LocaleCode, Strict

SEARCH_PATH = "/api/search/"
SEARCH_LIMIT_DEFAULT = 10
SEARCH_LIMIT_MAX = 50


class SearchResult(Strict):
    id: str = Field(
        description="FAQ entries: the FAQ block id (e.g. faq-cost); pages: the page's translation_key. "
        "Both are the same in every locale."
    )
    type: Literal["faq", "page"]
    title: str
    url: str = Field(description="Where the result is on the website; FAQ entries end with their #anchor.")
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
            "schema": {"type": "integer", "minimum": 1, "maximum": SEARCH_LIMIT_MAX, "default": SEARCH_LIMIT_DEFAULT},
        },
    ]
