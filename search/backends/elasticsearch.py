"""The production backend: the same index on Elasticsearch 8/9, with the official client.

Selected when ELASTICSEARCH_URL is set. The pre-analysed fields (title_terms, body_terms) are
indexed with a whitespace analyzer, so Elasticsearch ranks exactly the terms search.analysis
produced (BM25, title boosted and the sibling locale's terms, alt_terms, weakened as on the
embedded backend). The raw title and text are indexed
as well, with kuromoji when the cluster has the analysis-kuromoji plugin, else the built-in
`cjk` analyzer, for highlighting and as a fallback match.

Private pages have no rows (search.index), and every query also excludes the tree paths of the
restricted pages (`path`), so a document left over from before a restriction is never a hit.
"""

from html import unescape

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, TransportError, helpers

from ..confidence import is_low_confidence, is_unknown
from ..excerpts import EXCERPT
from ..models import IndexState, SearchEntry
from ..query import MAX_QUERY, Vocabulary, analyse_query
from ..ranking import FIELD_BOOST, FUZZY_WEIGHT, REST_WEIGHT, terms_in_place
from ..results import BackendUnavailable, Entry, Hit, Result
from ..synonyms import synonym_rules
from ..visibility import restricted_paths

TITLE_BOOST = FIELD_BOOST["title"]
UNKNOWN_WEIGHT = 1.6  # seeded site: idf of an unknown word 4.4, of a typical query word about 2.8
ALT_BOOST = FIELD_BOOST["alt"]  # the sibling locale's terms of the same entry (search.index)


def index_settings(kuromoji):
    """Index settings: the analyzers, in one place for the fixtures and the live index."""
    if kuromoji:
        japanese = {
            "type": "custom",
            "tokenizer": "kuromoji_tokenizer",
            "filter": [
                "kuromoji_baseform",
                "kuromoji_part_of_speech",
                "cjk_width",
                "ja_stop",
                "kuromoji_stemmer",
                "lowercase",
            ],
        }
        reading = {"type": "custom", "tokenizer": "kuromoji_tokenizer", "filter": ["kuromoji_readingform", "lowercase"]}
    else:
        japanese = {"type": "cjk"}
        reading = None
    analyzers = {"site_terms": {"type": "custom", "tokenizer": "whitespace"}, "site_japanese": japanese}
    if reading:
        analyzers["site_reading"] = reading
    return {"number_of_shards": 1, "analysis": {"analyzer": analyzers}}


def mappings(kuromoji):
    text_fields = {"english": {"type": "text", "analyzer": "english"}}
    if kuromoji:
        text_fields["reading"] = {"type": "text", "analyzer": "site_reading"}
    return {
        "dynamic": "strict",
        "properties": {
            "locale": {"type": "keyword"},
            "kind": {"type": "keyword"},
            "key": {"type": "keyword"},
            "page_id": {"type": "integer"},
            "path": {"type": "keyword"},  # the page's tree path: restricted subtrees are filtered out
            "url": {"type": "keyword", "index": False},
            "title": {"type": "text", "analyzer": "site_japanese", "fields": text_fields},
            "text": {"type": "text", "analyzer": "site_japanese", "fields": text_fields},
            "title_terms": {"type": "text", "analyzer": "site_terms"},
            "body_terms": {"type": "text", "analyzer": "site_terms"},
            "alt_terms": {"type": "text", "analyzer": "site_terms"},
        },
    }


def document(row):
    return {
        "locale": row.locale.language_code,
        "kind": row.kind,
        "key": row.key,
        "page_id": row.page_id,
        "path": row.page.path,
        "url": row.url,
        "title": row.title,
        "text": row.text,
        "title_terms": row.title_terms,
        "body_terms": row.body_terms,
        "alt_terms": row.alt_terms,
    }


def term_queries(term, weight):
    queries = [
        {"term": {"title_terms": {"value": term, "boost": round(weight * TITLE_BOOST, 3)}}},
        {"term": {"body_terms": {"value": term, "boost": round(weight, 3)}}},
        {"term": {"alt_terms": {"value": term, "boost": round(weight * ALT_BOOST, 3)}}},
    ]
    if term.isascii() and term.isalpha() and len(term) >= 4:  # typo tolerance, as on the embedded backend
        queries.append({"fuzzy": {"body_terms": {"value": term, "fuzziness": "AUTO", "boost": FUZZY_WEIGHT}}})
    return queries


def query_body(groups, text, language_code, limit, private_paths=()):
    """The search request for analysed query `groups` (search.query.analyse_query), leaving out
    the pages under `private_paths` (the tree paths of restricted pages).

    As on the embedded backend, one word counts about once: a dis_max over its forms (the best
    in full, the others at REST_WEIGHT), with its bigrams together as one more alternative.
    """
    should = []
    for _importance, terms in groups:
        words = [q for term, w in sorted(terms.items()) if not term.startswith("b:") for q in term_queries(term, w)]
        grams = [q for term, w in sorted(terms.items()) if term.startswith("b:") for q in term_queries(term, w)]
        if grams:
            words.append({"bool": {"should": grams}})
        should.append({"dis_max": {"queries": words, "tie_breaker": REST_WEIGHT}})
    should.append(
        {"multi_match": {"query": text, "fields": ["title^2", "text", "title.english^2", "text.english"], "boost": 0.3}}
    )
    query = {"filter": [{"term": {"locale": language_code}}], "should": should, "minimum_should_match": 1}
    if private_paths:
        query["must_not"] = [{"prefix": {"path": path}} for path in private_paths]
    return {
        "size": limit,
        "query": {"bool": query},
        "_source": ["kind", "key", "page_id", "title", "url", "text", "title_terms", "body_terms", "alt_terms"],
        "highlight": {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": {"text": {"fragment_size": EXCERPT, "number_of_fragments": 1, "no_match_size": EXCERPT}},
        },
    }


def search_request(text, language_code, limit):
    """The analysed query groups and the request body for `text` (groups empty: nothing to ask)."""
    rules = synonym_rules(IndexState.versions())
    groups = [g for g in analyse_query(text, Vocabulary(), rules) if g[1]]
    if not groups:
        return groups, None
    return groups, query_body(groups, text, language_code, limit, restricted_paths())


def low_confidence(groups, hits):
    """search.confidence.is_low_confidence for a response's hits (best first). A word in none of
    them is taken as one the site never uses, and weighs as much as such a word does on the
    embedded backend, where its idf is the highest (UNKNOWN_WEIGHT times a typical word's)."""
    terms = [
        {t for name in ("title_terms", "body_terms", "alt_terms") for t in hit["_source"].get(name, "").split()}
        for hit in hits
    ]
    known = set().union(*terms).__contains__
    groups = [(importance * (UNKNOWN_WEIGHT if is_unknown(words, known) else 1), words) for importance, words in groups]
    return is_low_confidence(groups, terms[0].__contains__, known, Vocabulary.unknown_idf)


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, url, index_name=None):
        self.client = Elasticsearch(url, request_timeout=5, max_retries=1)
        self.index = index_name or getattr(settings, "ELASTICSEARCH_INDEX", "csp-site-search")

    def has_kuromoji(self):
        info = self.client.nodes.info(metric="plugins")
        return any(p["name"] == "analysis-kuromoji" for node in info["nodes"].values() for p in node.get("plugins", []))

    def create_index(self):
        kuromoji = self.has_kuromoji()
        self.client.options(ignore_status=404).indices.delete(index=self.index)
        self.client.indices.create(index=self.index, settings=index_settings(kuromoji), mappings=mappings(kuromoji))

    def index_rows(self, rows):
        actions = ({"_index": self.index, "_id": str(row.pk), "_source": document(row)} for row in rows)
        helpers.bulk(self.client, actions, refresh="wait_for")

    def after_rebuild(self):
        self.create_index()
        self.index_rows(SearchEntry.objects.select_related("locale", "page"))

    def update_pages(self, page_ids):
        self.client.delete_by_query(
            index=self.index, query={"terms": {"page_id": list(page_ids)}}, refresh=True, conflicts="proceed"
        )
        self.index_rows(SearchEntry.objects.filter(page_id__in=page_ids).select_related("locale", "page"))

    def search(self, text, locale, limit):
        text = text[:MAX_QUERY]
        result = Result(query=text)
        groups, body = search_request(text, locale.language_code, limit)
        if body is None:
            return result
        try:
            response = self.client.search(index=self.index, body=body)
        except (ApiError, TransportError) as error:
            raise BackendUnavailable(str(error)) from error
        hits = response["hits"]["hits"]
        if not hits:
            return result
        result.low_confidence = low_confidence(groups, hits)
        for hit in hits:
            source = hit["_source"]
            entry = Entry(
                source["kind"], source["key"], source["title"], source["url"], source["text"], source.get("page_id")
            )
            html = " ".join(hit.get("highlight", {}).get("text", [])) or ""
            plain = unescape(html.replace("<mark>", "").replace("</mark>", ""))
            result.hits.append(Hit(entry, round(hit["_score"], 4), plain, html))
        return terms_in_place(result)
