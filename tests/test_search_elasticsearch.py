"""The Elasticsearch backend: generated settings, mappings and queries against fixtures, and live
tests that run only when ELASTICSEARCH_URL points at a real cluster (never a fake one)."""

import json
import os
import uuid
from pathlib import Path

import pytest
from wagtail.models import Locale, Page

from search import confidence, ranking, synonyms
from search import query as search_query
from search.backends import elasticsearch as es
from search.models import SearchEntry

FIXTURES = Path(__file__).resolve().parent.parent / "search" / "fixtures" / "elasticsearch"


def fixture(name):
    return json.loads((FIXTURES / name).read_text())


def normalised(obj):
    return json.loads(json.dumps(obj, sort_keys=True))


@pytest.mark.parametrize(("kuromoji", "suffix"), [(True, "kuromoji"), (False, "cjk")])
def test_settings_and_mappings_match_fixtures(kuromoji, suffix):
    assert normalised(es.index_settings(kuromoji)) == fixture(f"settings_{suffix}.json")
    assert normalised(es.mappings(kuromoji)) == fixture(f"mappings_{suffix}.json")


def test_japanese_analyzer_is_kuromoji_or_cjk():
    assert es.index_settings(True)["analysis"]["analyzer"]["site_japanese"]["tokenizer"] == "kuromoji_tokenizer"
    assert es.index_settings(False)["analysis"]["analyzer"]["site_japanese"] == {"type": "cjk"}
    # The pre-analysed fields keep search.analysis's terms as they are.
    properties = es.mappings(False)["properties"]
    assert properties["title_terms"]["analyzer"] == properties["body_terms"]["analyzer"] == "site_terms"


def query_for(text, language_code, limit, rules=()):
    groups = search_query.analyse_query(text, search_query.Vocabulary(), list(rules))
    return normalised(es.query_body(groups, text, language_code, limit))


def test_query_bodies_match_fixtures():
    assert query_for("お金 かかる?", "ja", 10, [(["お金"], "費用 料金")]) == fixture("query_okane.json")
    assert query_for("intervew tips", "en", 5) == fixture("query_english.json")


def leaves(query):
    """Every term query inside dis_max/bool clauses."""
    if "dis_max" in query:
        return [leaf for q in query["dis_max"]["queries"] for leaf in leaves(q)]
    if "bool" in query:
        return [leaf for q in query["bool"]["should"] for leaf in leaves(q)]
    return [query]


def test_query_body_uses_the_same_terms_and_boosts():
    body = query_for("お金 かかる?", "ja", 10, [(["お金"], "費用 料金")])
    bool_query = body["query"]["bool"]
    assert bool_query["filter"] == [{"term": {"locale": "ja"}}]
    # One dis_max per query word (お金 with its synonyms, かかる), then the raw-text fallback.
    assert [next(iter(c)) for c in bool_query["should"]] == ["dis_max", "dis_max", "multi_match"]
    assert bool_query["should"][0]["dis_max"]["tie_breaker"] == ranking.REST_WEIGHT
    title = {
        leaf["term"]["title_terms"]["value"]: leaf["term"]["title_terms"]["boost"]
        for clause in bool_query["should"]
        for leaf in leaves(clause)
        if "term" in leaf and "title_terms" in leaf["term"]
    }
    assert title["費用"] == pytest.approx(synonyms.SYNONYM_WEIGHT * ranking.FIELD_BOOST["title"])
    assert "r:かかる" in title and "b:かか" in title
    assert body["highlight"]["encoder"] == "html"


@pytest.mark.django_db
def test_sibling_terms_field_matches_the_embedded_backend():
    # alt_terms (the ja text of an easy entry) is indexed, stored and queried at the same weight.
    assert es.mappings(True)["properties"]["alt_terms"] == {"type": "text", "analyzer": "site_terms"}
    row = SearchEntry.objects.filter(kind="faq", key="faq-cost", locale__language_code="ja-x-easy").get()
    assert es.document(row)["alt_terms"] == row.alt_terms and "費用" in row.alt_terms.split()
    body = query_for("ひよう", "ja-x-easy", 5)
    alt = [
        leaf["term"]["alt_terms"]
        for c in body["query"]["bool"]["should"]
        for leaf in leaves(c)
        if "term" in leaf and "alt_terms" in leaf["term"]
    ]
    assert {"value": "r:ひよう", "boost": pytest.approx(0.6 * ranking.FIELD_BOOST["alt"])} in alt
    assert "alt_terms" in body["_source"]
    groups = search_query.analyse_query("ひよう", search_query.Vocabulary(), [])
    own = set(row.title_terms.split()) | set(row.body_terms.split())
    with_alt = own | set(row.alt_terms.split())
    assert confidence.coverage(groups, with_alt.__contains__) > max(
        confidence.coverage(groups, own.__contains__), confidence.MIN_COVERAGE
    )


def test_low_confidence_of_hits_flags_a_word_no_hit_has():
    def hit(terms):
        return {"_source": {"title_terms": terms, "body_terms": "", "alt_terms": ""}}

    hits = [hit("費用 r:ひよう"), hit("費用 自己負担")]
    assert not es.low_confidence(search_query.analyse_query("費用", search_query.Vocabulary(), []), hits)
    assert es.low_confidence(search_query.analyse_query("車検 費用", search_query.Vocabulary(), []), hits)


# --- Live: only with a real cluster -------------------------------------------

live = pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs ELASTICSEARCH_URL (a real cluster)")


@pytest.fixture
def live_backend(db):
    backend = es.ElasticsearchBackend(
        os.environ["ELASTICSEARCH_URL"], index_name=f"test-site-search-{uuid.uuid4().hex[:8]}"
    )
    backend.create_index()
    backend.index_rows(SearchEntry.objects.select_related("locale", "page"))
    yield backend
    backend.client.options(ignore_status=404).indices.delete(index=backend.index)


@live
def test_live_search_finds_the_faq_answer(live_backend):
    ja = Locale.objects.get(language_code="ja")
    result = live_backend.search("費用 かかる", ja, 5)
    assert result.hits[0].entry.key == "faq-cost"
    assert result.hits[0].entry.url == "/ja/faq/#faq-cost"
    assert "<mark>" in result.hits[0].excerpt_html


@live
def test_live_out_of_scope_is_flagged(live_backend):
    ja = Locale.objects.get(language_code="ja")
    result = live_backend.search("パスポート 申請", ja, 5)
    assert not result.hits or result.low_confidence


@live
def test_live_update_pages_follows_the_database(live_backend):
    ja = Locale.objects.get(language_code="ja")
    case = Page.objects.get(locale=ja, slug="case-b")
    SearchEntry.objects.filter(page=case).delete()
    live_backend.update_pages([case.pk])
    keys = [hit.entry.key for hit in live_backend.search("統合失調症", ja, 10).hits]
    assert str(case.translation_key) not in keys
