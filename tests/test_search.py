"""Site search: analysis, the index kept fresh by page events, ranking, the page and the JSON API."""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, Page

from home.seed import content
from search import analysis, confidence, synonyms
from search import query as search_query
from search.backends import database
from search.models import IndexState, SearchEntry, Synonym
from services.models import FAQPage

# The only scripts allowed are static files (the CSP forbids inline code).
# A script element that runs: JSON data blocks (JSON-LD for search engines) never run, and CSP does not apply.
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>")

pytestmark = pytest.mark.django_db


def ja():
    return Locale.objects.get(language_code="ja")


def top_keys(text, locale=None, limit=3):
    return [hit.entry.key for hit in database.search(text, (locale or ja()).pk, limit).hits]


def faq_page(locale=None):
    return FAQPage.objects.get(locale=locale or ja())


# --- Analysis ---------------------------------------------------------------


def test_hiragana_reading_meets_kanji():
    doc = set(analysis.terms_of("利用するのに費用はかかりますか?"))
    query = {t for token in analysis.analyse("ひよう", query=True) for t in token.terms}
    assert "r:ひよう" in doc & query


def test_width_and_kana_folding():
    assert analysis.fold("ﾃﾁｮｳ") == analysis.fold("テチョウ") == "てちょう"
    assert analysis.fold("ＰＣ") == "pc"


def test_compound_parts_are_terms():
    assert {"障害者手帳", "手帳"} <= set(analysis.terms_of("障害者手帳"))


def test_english_stems_and_stop_words():
    assert analysis.terms_of("The interviews") == ["interview"]


def test_stop_words_are_recognised_by_stem_and_without_apostrophes():
    # "gets" and "getting" are as empty as "get"; "doesnt" as "doesn't".
    assert analysis.terms_of("he gets getting doesnt") == []
    # A relative asking for someone asks the visitor's own question.
    assert analysis.terms_of("my daughter needs a certificate") == analysis.terms_of("I need a certificate")


def test_verbs_also_carry_the_reading_of_their_dictionary_form():
    terms = set(analysis.terms_of("使えますか"))
    assert {"r:つかえ", "r:つかえる", "r:つかう"} <= terms  # visitors type つかえる or つかう


def test_a_word_found_inside_a_kana_run_counts_only_for_its_part():
    # Sudachi finds 行く (いき) inside ぜいきん: a fragment, not the visitor's word.
    (token,) = analysis.analyse("ぜいきん", query=True)
    assert token.terms["r:ぜいきん"] > token.terms.get("行く", 0)
    (token,) = analysis.analyse("でんわ", query=True)
    assert token.terms["電話"] >= token.terms["r:でんわ"]  # the whole run is the word


def test_a_single_kana_suffix_is_not_a_term():
    assert "さ" not in analysis.terms_of("一番の良さ")  # else 使いやすさ would match every 良さ


def test_long_text_is_analysed_in_pieces():
    # One Japanese run far over Sudachi's ~49 KB limit.
    text = "就職活動" * 20_000
    assert len(analysis.terms_of(text)) > 1000


def test_typo_tolerance_for_latin_words():
    index = database.LocaleIndex(
        [
            {
                "kind": "faq",
                "key": "k",
                "title": "interview",
                "url": "/",
                "text": "",
                "title_terms": "interview",
                "body_terms": "",
            }
        ]
    )
    assert index.fuzzy("intervew") == ["interview"]
    assert index.fuzzy("pc") == []  # too short to guess


def test_typo_tolerance_keeps_the_first_letter():
    row = {"kind": "faq", "key": "k", "title": "", "url": "/", "text": "", "title_terms": "better", "body_terms": ""}
    assert database.LocaleIndex([row]).fuzzy("letter") == []  # another word, not a typo


def test_typo_tolerance_works_on_the_word_as_typed():
    # The stem of a typo can be far from the stem of the word (disabilti / disabl).
    row = {"kind": "faq", "key": "k", "title": "A disability certificate", "url": "/", "text": ""}
    index = database.LocaleIndex([{**row, "title_terms": " ".join(analysis.terms_of(row["title"])), "body_terms": ""}])
    assert analysis.stem("disabilty") not in index.postings
    assert index.fuzzy(analysis.stem("disabilty"), "disabilty") == [analysis.stem("disability")]


def test_particles_after_typed_kana_are_not_part_of_the_word():
    terms = {t for token in analysis.analyse("ばすの", query=True) for t in token.terms}
    assert "r:ばす" in terms and "b:すの" not in terms
    # と, も and や end too many words to be cut: しごと stays whole.
    terms = {t for token in analysis.analyse("しごと", query=True) for t in token.terms}
    assert {"r:しごと", "b:ごと"} <= terms


def test_bigrams_alone_cover_a_word_only_weakly():
    terms = {"r:てんき": 0.6, "b:てん": 0.4, "b:んき": 0.4}
    assert confidence.word_coverage(terms, {"b:てん", "b:んき"}.__contains__) == pytest.approx(confidence.GRAM_COVERAGE)
    assert confidence.word_coverage(terms, {"r:てんき"}.__contains__) == 1.0


# --- The index is built and kept fresh --------------------------------------


def test_every_faq_entry_is_indexed_with_its_anchor():
    rows = SearchEntry.objects.filter(locale=ja(), kind="faq")
    assert sorted(rows.values_list("key", flat=True)) == sorted(entry["id"] for entry in content.FAQ_ENTRIES)
    cost = rows.get(key="faq-cost")
    assert cost.url == "/ja/faq/#faq-cost"
    assert cost.title == "利用するのに費用はかかりますか?"


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("タイピング", "ja", "faq-pc-beginner"),
        ("きゅうしょくちゅう", "ja-x-easy", "faq-on-leave"),
        ("technophobe", "en", "faq-pc-beginner"),
    ],
)
def test_faq_search_keywords_find_their_entry_but_are_not_shown(client, query, language, expected):
    # Words only in the entries' hidden search keywords (written per entry, per language).
    locale = Locale.objects.get(language_code=language)
    assert top_keys(query, locale)[:1] == [expected]
    entry = SearchEntry.objects.get(locale=locale, key=expected)
    assert query not in entry.title + entry.text
    assert query not in client.get(faq_page(locale).url).content.decode()


@pytest.mark.parametrize(
    ("query", "language", "slug"),
    [
        ("時間割", "ja", "daily-schedule"),
        ("じかんわり", "ja-x-easy", "daily-schedule"),
        ("timetable", "en", "daily-schedule"),
    ],
)
def test_page_search_keywords_find_the_page_but_are_not_shown(client, query, language, slug):
    locale = Locale.objects.get(language_code=language)
    assert top_keys(query, locale)[:1] == [page_key(slug)]
    page = Page.objects.get(locale=locale, translation_key=page_key(slug)).specific
    assert query in page.search_keywords
    html = client.get(page.url).content.decode()
    assert query not in html[html.index("<body") :]  # the meta description may share a word with them
    # Nor in the excerpt: it comes from the page's text.
    hit = database.search(query, locale.pk).hits[0]
    assert query not in hit.excerpt


def test_page_search_keywords_are_in_the_promote_tab(admin_client):
    page = Page.objects.get(locale=ja(), slug="daily-schedule")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "検索キーワード" in html and 'name="search_keywords"' in html


def test_every_live_page_is_indexed_by_translation_key():
    pages = Page.objects.live().filter(locale=ja(), depth__gt=1)
    keys = set(SearchEntry.objects.filter(locale=ja(), kind="page").values_list("key", flat=True))
    assert keys == {str(p.translation_key) for p in pages}


def test_publish_updates_the_index():
    page = faq_page()
    for block in page.body:
        if block.id == "faq-cost":
            block.value["question"] = "ガラパゴスゾウガメの費用はかかりますか?"
    page.save_revision().publish()
    assert SearchEntry.objects.get(page=page, key="faq-cost").title.startswith("ガラパゴスゾウガメ")
    assert top_keys("ゾウガメ")[:1] == ["faq-cost"]


def test_unpublish_removes_the_page_and_its_faq_entries():
    page = faq_page()
    page.unpublish()
    assert not SearchEntry.objects.filter(page=page).exists()
    assert "faq-cost" not in top_keys("費用", limit=10)


def test_move_updates_urls():
    privacy = Page.objects.get(locale=ja(), slug="privacy")
    target = Page.objects.get(locale=ja(), slug="accessibility")
    privacy.move(target, pos="last-child")
    assert SearchEntry.objects.get(page_id=privacy.pk).url == "/ja/accessibility/privacy/"


def test_delete_removes_entries_and_refreshes_searches():
    assert top_keys("統合失調症")  # case-b
    case = Page.objects.get(locale=ja(), slug="case-b")
    before = IndexState.versions()[f"entries:{ja().pk}"]
    case.delete()
    assert not SearchEntry.objects.filter(page_id=case.pk).exists()
    assert IndexState.versions()[f"entries:{ja().pk}"] != before
    assert str(case.translation_key) not in top_keys("統合失調症", limit=10)


def test_translation_publish_indexes_the_other_locale():
    en = Locale.objects.get(language_code="en")
    source = faq_page()
    translation = source.get_translation_or_none(en)
    if translation is None:
        translation = source.copy_for_translation(en)
    translation = translation.specific
    translation.title = "FAQ"
    translation.save_revision().publish()
    keys = set(SearchEntry.objects.filter(locale=en, kind="faq").values_list("key", flat=True))
    assert {entry["id"] for entry in content.FAQ_ENTRIES} <= keys
    assert SearchEntry.objects.get(locale=en, kind="page", page=translation).key == str(source.translation_key)


def easy():
    return Locale.objects.get(language_code="ja-x-easy")


def set_question(page, block_id, question):
    for block in page.body:
        if block.id == block_id:
            block.value["question"] = question
    page.save_revision().publish()


def test_easy_entries_carry_the_ja_entry_of_the_same_block_id():
    rows = SearchEntry.objects.filter(kind="faq", key="faq-cost")
    ja_row, easy_row = rows.get(locale=ja()), rows.get(locale=easy())
    assert easy_row.alt_terms == f"{ja_row.title_terms} {ja_row.body_terms}"
    assert "費用" in easy_row.alt_terms.split() and "費用" not in easy_row.body_terms.split()
    # ja and en rows borrow nothing.
    assert ja_row.alt_terms == "" and not SearchEntry.objects.exclude(locale=easy()).exclude(alt_terms="").exists()


def test_easy_pages_carry_the_ja_page_of_the_same_translation_key():
    # The easy service page says 難しい病気; なんびょう still finds it through the ja page's 難病.
    easy_row = SearchEntry.objects.get(locale=easy(), kind="page", key=page_key("service"))
    assert "難病" in easy_row.alt_terms.split() and "難病" not in easy_row.body_terms.split()
    assert page_key("service") in top_keys("なんびょう", easy())


def test_ja_publish_refreshes_the_easy_entries_that_borrow_its_text():
    before = IndexState.versions()[f"entries:{easy().pk}"]
    assert "faq-cost" not in top_keys("ゾウガメ", easy())
    set_question(faq_page(), "faq-cost", "ガラパゴスゾウガメの費用はかかりますか?")
    easy_row = SearchEntry.objects.get(locale=easy(), kind="faq", key="faq-cost")
    assert "ガラパゴス" in easy_row.alt_terms.split()
    assert "ガラパゴス" not in easy_row.title_terms.split()  # the easy text itself is unchanged
    assert IndexState.versions()[f"entries:{easy().pk}"] != before  # every process rebuilds the easy index
    assert top_keys("ゾウガメ", easy())[:1] == ["faq-cost"]


def test_easy_publish_takes_the_ja_text_again():
    SearchEntry.objects.filter(locale=easy()).update(alt_terms="")
    set_question(faq_page(easy()), "faq-cost", "つかうのに、おかねは かかりますか?")
    easy_row = SearchEntry.objects.get(locale=easy(), kind="faq", key="faq-cost")
    assert "費用" in easy_row.alt_terms.split()


def test_ja_unpublish_and_delete_clear_the_borrowed_text():
    page = faq_page()
    page.unpublish()
    assert not SearchEntry.objects.filter(locale=easy(), kind="faq").exclude(alt_terms="").exists()
    page.save_revision().publish()
    assert SearchEntry.objects.get(locale=easy(), kind="faq", key="faq-cost").alt_terms
    versions = IndexState.versions()
    page.delete()
    assert not SearchEntry.objects.filter(locale=easy(), kind="faq").exclude(alt_terms="").exists()
    assert IndexState.versions()[f"entries:{easy().pk}"] != versions[f"entries:{easy().pk}"]


def test_alt_terms_do_not_make_own_words_common():
    # Document frequencies count the entry's own words: the borrowed ja words only add evidence.
    index = database.LocaleIndex(
        [
            {
                "kind": "faq",
                "key": str(i),
                "title": "",
                "url": "",
                "text": "",
                "title_terms": title,
                "body_terms": "",
                "alt_terms": "お金",
            }
            for i, title in enumerate(["お金", "手帳", "面接"])
        ]
    )
    assert index.idf["お金"] == index.idf["手帳"]
    assert len(index.postings["お金"][0]) == 3  # yet every entry matches it, the two others more weakly


def test_migrate_rebuilds_an_index_made_by_an_older_analysis():
    from search.apps import build_missing_index

    IndexState.objects.update_or_create(name="analysis", defaults={"version": "old"})
    SearchEntry.objects.filter(locale=ja(), kind="faq").update(title_terms="stale")
    build_missing_index()
    assert IndexState.objects.get(name="analysis").version == analysis.VERSION
    assert not SearchEntry.objects.filter(title_terms="stale").exists()
    # Current analysis: nothing to do.
    SearchEntry.objects.filter(locale=ja(), kind="faq").update(title_terms="kept")
    build_missing_index()
    assert SearchEntry.objects.filter(title_terms="kept").exists()


def test_update_index_rebuilds_the_index():
    count = SearchEntry.objects.count()
    SearchEntry.objects.all().delete()
    call_command("update_index", verbosity=0, stdout=open("/dev/null", "w"))
    assert SearchEntry.objects.count() == count


def test_synonyms_match_conjugated_words():
    # The rule is for the dictionary form; the visitor types サボりたい.
    Synonym.objects.create(term="サボる", synonyms="休職")
    rules = synonyms.synonym_rules(IndexState.versions())
    groups = search_query.analyse_query(
        "会社をサボりたい", database.locale_index(ja().pk, IndexState.versions()), rules
    )
    assert any("休職" in terms for _importance, terms in groups)


def test_japanese_rules_match_across_the_spaces_visitors_type():
    Synonym.objects.update_or_create(term="いいところ", defaults={"synonyms": "長所"})
    versions = IndexState.versions()
    index = database.locale_index(ja().pk, versions)
    groups = search_query.analyse_query("ここの いい ところ", index, synonyms.synonym_rules(versions))
    assert any("長所" in terms for _importance, terms in groups)


def test_a_rule_in_kana_matches_only_where_a_word_can_begin():
    # こうか (効果) is inside ひこうかい (非公開) but is not a word there.
    Synonym.objects.update_or_create(term="こうか", defaults={"synonyms": "実績"})
    versions = IndexState.versions()
    index, rules = database.locale_index(easy().pk, versions), synonyms.synonym_rules(versions)
    assert not any("実績" in terms for _i, terms in search_query.analyse_query("ひこうかい", index, rules))
    assert any("実績" in terms for _i, terms in search_query.analyse_query("こうか ある?", index, rules))


def test_a_rule_for_a_compound_does_not_fire_on_its_parts():
    Synonym.objects.update_or_create(term="体験談", defaults={"synonyms": "実例"})
    versions = IndexState.versions()
    groups = search_query.analyse_query(
        "体験利用", database.locale_index(ja().pk, versions), synonyms.synonym_rules(versions)
    )
    assert not any("実例" in terms for _importance, terms in groups)


def test_a_synonym_weighs_no_more_than_the_word_typed():
    token = analysis.Token(0, 2, "仕事", {"仕事": 1.0})
    terms = {"仕事": 1.0, "求人": 0.8, "無料": 0.8}
    synonyms.cap_synonyms(token, terms, {"仕事": 1.0, "求人": 4.0, "無料": 0.5})
    assert terms == {"仕事": 1.0, "求人": 0.2, "無料": 0.8}  # rarer than 仕事: scaled to its idf
    alone = {"無料": 0.8}  # nothing the visitor typed is on the site: the synonym is all there is
    synonyms.cap_synonyms(analysis.Token(0, 2, "タダ", {"ただ": 1.0}), alone, {"無料": 4.0})
    assert alone == {"無料": 0.8}


def test_synonyms_do_not_chain():
    # 仕事 → 就職 by one rule, 就職 → 決まる by another: 仕事 does not reach 決まる.
    Synonym.objects.update_or_create(term="仕事", defaults={"synonyms": "就職"})
    Synonym.objects.update_or_create(term="就職", defaults={"synonyms": "決まる"})
    versions = IndexState.versions()
    groups = search_query.analyse_query(
        "仕事", database.locale_index(ja().pk, versions), synonyms.synonym_rules(versions)
    )
    terms = set().union(*(terms for _importance, terms in groups))
    assert "就職" in terms and "決まる" not in terms


def test_synonyms_apply_without_a_restart():
    assert "faq-cost" not in top_keys("フトコロ")
    Synonym.objects.create(term="フトコロ", synonyms="費用、自己負担")
    assert top_keys("フトコロ")[:1] == ["faq-cost"]


# --- Ranking ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("お金 かかる?", "faq-cost"),
        ("おかね かかる", "faq-cost"),
        ("手帳 ない", "faq-without-certificate"),
        ("てちょう ない", "faq-without-certificate"),
        ("面接 練習", "faq-interview-practice"),
        ("ざいたく", "faq-remote"),
    ],
)
def test_visitors_words_find_the_answer(query, expected):
    assert top_keys(query)[:1] == [expected]


def page_key(slug):
    return str(Page.objects.get(locale=ja(), slug=slug).translation_key)


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("who can use it", "en", "page:service"),
        ("how much does it cost", "en", "faq-cost"),
        ("currently off work sick", "en", "faq-on-leave"),
        ("ただ ですか", "ja-x-easy", "faq-cost|page:fees"),  # ですか has no content word: it does not count
        ("Aがた", "ja-x-easy", "faq-from-type-a"),
        ("うち で しごと したい", "ja-x-easy", "faq-remote"),  # 仕事's synonym 求人 must not outweigh it
    ],
)
def test_default_synonyms_and_kana_rules_find_the_answer(query, language, expected):
    locale = Locale.objects.get(language_code=language)
    keys = {page_key(e[5:]) if e.startswith("page:") else e for e in expected.split("|")}  # any of them
    assert top_keys(query, locale)[0] in keys
    assert not database.search(query, locale.pk).low_confidence


@pytest.mark.parametrize("query", ["パスポート 申請", "parking ticket", "今日の天気"])
def test_out_of_scope_is_flagged(query):
    result = database.search(query, ja().pk)
    assert result.low_confidence


def test_a_noun_the_site_never_uses_makes_a_partial_match_doubtful():
    # 費用 alone is answered; with 車検 (a car inspection) the fees are not the answer.
    assert not database.search("費用", ja().pk).low_confidence
    result = database.search("車検 費用", ja().pk)
    assert result.hits and result.low_confidence
    en = Locale.objects.get(language_code="en").pk
    assert not database.search("scores", en).low_confidence and database.search("football scores", en).low_confidence


@pytest.mark.parametrize(
    ("query", "language"),
    [("電話番号", "ja"), ("でんわ ばんごう", "ja-x-easy"), ("phone number", "en"), ("opening hours", "en")],
)
def test_contact_details_find_the_contact_page(query, language):
    locale = Locale.objects.get(language_code=language)
    assert top_keys(query, locale)[:1] == [page_key("contact")]


def test_office_changes_reach_the_contact_page_entry():
    from core.models import Office

    office = Office.objects.get(locale=ja())
    office.phone = "048-000-1234"
    office.save()
    entry = SearchEntry.objects.get(locale=ja(), kind="page", url__endswith="/contact/")
    assert "048-000-1234" in entry.text and "受付時間" in entry.text
    assert top_keys("048-000-1234")[:1] == [page_key("contact")]


def test_office_changes_reach_any_page_with_a_contact_block():
    from core.models import Office
    from home.models import HomePage

    home = HomePage.objects.get(locale=ja())
    home.body.append(("contact", None))
    home.save_revision().publish()
    office = Office.objects.get(locale=ja())
    office.phone = "048-000-5678"
    office.save()
    assert "048-000-5678" in SearchEntry.objects.get(locale=ja(), kind="page", page_id=home.pk).text


# --- JSON API ---------------------------------------------------------------


def test_api_contract(client):
    response = client.get("/api/search/", {"q": "お金 かかる", "locale": "ja", "limit": 3})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"query", "locale", "count", "low_confidence", "results"}
    assert body["query"] == "お金 かかる" and body["locale"] == "ja" and body["low_confidence"] is False
    assert body["count"] == len(body["results"]) <= 3
    first = body["results"][0]
    assert set(first) == {"id", "type", "title", "url", "excerpt", "score"}
    assert first["id"] == "faq-cost" and first["type"] == "faq" and first["url"] == "/ja/faq/#faq-cost"
    assert "<" not in first["excerpt"]
    page = next(r for r in body["results"] if r["type"] == "page")
    assert page["id"] == str(Page.objects.get(locale=ja(), slug="fees").translation_key)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"locale": "fr"}, "invalid_locale"),
        ({"limit": "abc"}, "invalid_limit"),
        ({"limit": "0"}, "invalid_limit"),
        ({"limit": "51"}, "invalid_limit"),
    ],
)
def test_api_bad_parameters_are_400_json(client, params, code):
    response = client.get("/api/search/", {"q": "費用", **params})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


def test_api_empty_and_huge_queries(client):
    empty = client.get("/api/search/", {"q": "  ", "locale": "en"}).json()
    assert empty["count"] == 0 and empty["results"] == []
    huge = client.get("/api/search/", {"q": "費用" * 2500, "locale": "ja"})
    assert huge.status_code == 200
    assert len(huge.json()["query"]) == 2000


@pytest.mark.parametrize(
    "query",
    ['"費用" AND (手帳 OR NEAR', "'; DROP TABLE search_searchentry; --", "費用*", "\x00\x1b[31m手帳", "🙂💸 お金"],
)
def test_api_hostile_input(client, query):
    response = client.get("/api/search/", {"q": query, "locale": "ja"})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


# --- The search page --------------------------------------------------------


def test_search_page_lists_faq_answers_with_marks(client):
    html = client.get("/ja/search/", {"q": "お金"}).content.decode()
    assert re.search(r'<label for="search-q">', html) and 'id="search-q"' in html
    assert re.search(r"<h2 id=\"search-count\">\d+件見つかりました</h2>", html)
    assert '<a href="/ja/faq/#faq-cost">' in html
    assert "<mark>" in html
    assert "style=" not in html and not INLINE_SCRIPT.search(html)


def test_search_page_no_results_offers_phone_and_faq(client):
    html = client.get("/ja/search/", {"q": "パスポート 申請"}).content.decode()
    assert "048-812-8677" in html and 'href="tel:+81488128677"' in html
    assert 'href="/ja/faq/"' in html
    assert 'href="/ja/faq/#faq-cost"' in html  # a suggestion


def test_search_page_without_query_prompts(client):
    response = client.get("/ja/search/")
    assert response.status_code == 200
    assert "入力して" in response.content.decode()


@pytest.mark.parametrize("prefix", ["/ja", "/ja-x-easy", "/en"])
def test_search_page_in_every_locale(client, prefix):
    assert client.get(f"{prefix}/search/", {"q": "費用"}).status_code == 200


def test_header_links_to_search(client):
    html = client.get("/ja/faq/").content.decode()
    assert 'role="search" action="/ja/search/"' in html
    assert '<label for="header-search-q">' in html


def test_index_state_tokens_change_on_every_write():
    before = IndexState.versions()
    IndexState.bump("synonyms")
    assert IndexState.versions()["synonyms"] != before.get("synonyms")
    assert json.dumps(IndexState.versions())


# --- Staff edit synonyms in the admin ------------------------------------------


def test_synonyms_are_editable_in_the_admin(admin_client):
    listing = admin_client.get(reverse("wagtailsnippets_search_synonym:list"))
    assert listing.status_code == 200
    assert Synonym.objects.order_by("term").first().term in listing.content.decode()  # the seeded defaults
    response = admin_client.post(
        reverse("wagtailsnippets_search_synonym:add"), {"term": "ゲンナマ", "synonyms": "費用、自己負担"}
    )
    assert response.status_code == 302
    assert top_keys("ゲンナマ")[:1] == ["faq-cost"]
