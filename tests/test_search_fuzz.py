"""Property-based: no query, however odd, makes the search endpoint fail."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# Japanese, Latin, FTS and SQL syntax, control characters, emoji and combining marks.
ALPHABET = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(list("費用手帳面接おかねテチョウｶﾞ \"'*()-:^~\\%_;\x00\x1b\u200b\u3000🙂👨‍👩‍👧")),
)
WORDS = st.sampled_from(["AND", "OR", "NOT", "NEAR", "NEAR/3", "*", "--", "/*", "DROP TABLE", "' OR 1=1", "MATCH"])
QUERIES = st.lists(st.one_of(st.text(ALPHABET, max_size=40), WORDS), max_size=8).map(" ".join)


@settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(query=QUERIES, locale=st.sampled_from(["ja", "ja-x-easy", "en"]), limit=st.integers(1, 50))
def test_random_queries_never_fail(query, locale, limit):
    response = Client().get("/api/search/", {"q": query, "locale": locale, "limit": limit})
    assert response.status_code == 200, query
    body = response.json()
    assert body["count"] == len(body["results"]) <= limit
