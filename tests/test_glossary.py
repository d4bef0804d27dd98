"""The glossary: Term snippets in three locales, marking of first uses, the glossary page, search,
the page cache and the editor's easy-Japanese check."""

import re

import pytest
from django.core.cache import caches
from wagtail.models import Locale

from editorial import checks
from language import glossary
from language.glossary import Entry, Glossary, Marker, mark_page
from language.models import Term
from search.backends import database
from search.models import SearchEntry
from services.models import GlossaryPage

LOCALES = ["ja", "ja-x-easy", "en"]


def entry(slug, term, definition="説明です。", forms=None, term_ja=None):
    return Entry(slug, term, "", definition, tuple(forms or [term]), term_ja or term, "", "")


JA = Glossary(
    "ja",
    "/ja/glossary/",
    (
        entry("jukyushasho", "受給者証"),
        entry("jiritsu", "自立支援医療受給者証"),
        entry("techo", "障害者手帳"),
    ),
)


def marked(html, g=JA):
    return Marker(g).mark(html)


def links(html):
    return re.findall(r'<a class="term__link" href="[^"]*#term-([\w-]+)"', html)


# --- marking ---------------------------------------------------------------------------------------


def test_only_the_first_use_of_each_term_is_marked():
    html = marked("<p>受給者証をもらいます。受給者証を出します。</p><p>受給者証です。</p>")
    assert links(html) == ["jukyushasho"]
    assert html.count("受給者証") == 3
    assert 'role="tooltip" hidden>説明です。</span>' in html


def test_the_longest_term_wins_and_a_term_inside_it_is_not_a_use():
    html = marked("<p>自立支援医療受給者証と、受給者証。</p>")
    assert links(html) == ["jiritsu", "jukyushasho"]
    assert html.index("jiritsu") < html.index("jukyushasho")
    # A later longer term does not count as a use of the shorter one inside it.
    assert links(marked("<p>自立支援医療受給者証。自立支援医療受給者証。</p>")) == ["jiritsu"]


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="/x/">受給者証</a></p>',
        "<h2>受給者証</h2>",
        "<h1>受給者証とは</h1>",
        "<button>受給者証</button>",
        "<details><summary>受給者証は?</summary></details>",
        "<label>受給者証の番号</label>",
        "<title>受給者証</title>",
        "<p><dfn>受給者証</dfn></p>",
    ],
)
def test_links_headings_buttons_labels_and_titles_are_not_marked(html):
    assert marked(html) == html


def test_a_term_skipped_in_a_heading_is_marked_at_its_first_use_in_the_text():
    html = marked("<h2>受給者証</h2><p>受給者証を<strong>出します</strong>。</p>")
    assert links(html) == ["jukyushasho"]
    assert html.startswith('<h2>受給者証</h2><p><span class="term">')


def test_marking_reads_through_ruby_and_phrase_breaks():
    ruby = (
        "<p><ruby>受給<rp>(</rp><rt>じゅきゅう</rt><rp>)</rp></ruby><wbr><ruby>者<rt>しゃ</rt></ruby>"
        "<ruby>証<rt>しょう</rt></ruby>を<ruby>出<rt>だ</rt></ruby>します。</p>"
    )
    html = marked(ruby)
    assert links(html) == ["jukyushasho"]
    # The link wraps whole <ruby> elements, readings included.
    assert '"><ruby>受給<rp>(</rp><rt>じゅきゅう</rt>' in html
    assert "<ruby>証<rt>しょう</rt></ruby></a>" in html
    # A ruby that the term's edge would cut in two is left plain.
    assert marked("<p><ruby>受給者証明<rt>x</rt></ruby></p>") == "<p><ruby>受給者証明<rt>x</rt></ruby></p>"


def test_english_terms_match_whole_words_in_any_case_and_plural_and_show_the_japanese_term():
    en = Glossary("en", "/en/glossary/", (entry("cap", "monthly cap", "The most you pay.", term_ja="負担上限月額"),))
    html = Marker(en).mark("<p>Monthly caps are low. The monthly cap.</p>")
    assert links(html) == ["cap"]
    assert ">Monthly caps</a>" in html
    assert '<span class="term__ja" lang="ja">負担上限月額</span> The most you pay.' in html
    assert links(Marker(en).mark("<p>monthly capital</p>")) == []


def test_only_main_is_marked_and_a_main_with_data_no_terms_is_left_alone():
    page = "<body><header><p>受給者証</p></header><main id=main><p>受給者証</p></main></body>"
    result = mark_page(page, JA)
    assert result.count('class="term"') == 1 and "<header><p>受給者証</p>" in result
    skipped = "<main data-no-terms><p>受給者証</p></main>"
    assert mark_page(skipped, JA) is skipped


# --- the seeded glossary ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("code", LOCALES)
def test_at_least_20_terms_are_published_in_every_locale(code):
    terms = Term.objects.filter(locale__language_code=code, live=True)
    assert terms.count() >= 20
    assert set(terms.values_list("slug", flat=True)) == set(
        Term.objects.filter(locale=Locale.get_default()).values_list("slug", flat=True)
    )
    if code != "ja":  # translated, not copied
        source = dict(Term.objects.filter(locale=Locale.get_default()).values_list("slug", "definition"))
        assert all(t.definition != source[t.slug] for t in terms)


def kana_key(reading):
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFD", reading.replace("ー", "")) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", plain)


@pytest.mark.django_db
@pytest.mark.parametrize("code", LOCALES)
def test_the_glossary_page_lists_every_term_in_order_with_dfn_and_stable_anchors(client, code):
    page = GlossaryPage.objects.get(locale__language_code=code)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    anchors = re.findall(r'<dt id="term-([\w-]+)">', html)
    terms = {t.slug: t for t in Term.objects.filter(locale__language_code=code, live=True)}
    assert sorted(anchors) == sorted(terms) and len(anchors) == len(set(anchors))
    assert html.count("<dfn>") == len(terms)
    if code == "en":
        titles = [terms[slug].term.casefold() for slug in anchors]
        assert titles == sorted(titles)  # A–Z
        assert '<span class="glossary__ja" lang="ja">受給者証</span>' in html
    else:
        readings = [kana_key(terms[slug].reading) for slug in anchors]
        assert readings == sorted(readings)  # あいうえお
        assert anchors[0] == "ippan-shuro"  # いっぱんしゅうろう
    assert 'class="term"' not in html  # the glossary page is where terms are defined
    # In the footer of every page of the locale.
    assert f'href="{page.url}"' in client.get(f"/{code}/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "term", "glossary_url"),
    [
        ("/ja/service/", "就労移行支援", "/ja/glossary/"),
        ("/ja-x-easy/service/", "障害者手帳", "/ja-x-easy/glossary/"),
        ("/en/service/", "Employment transition support", "/en/glossary/"),
    ],
)
def test_pages_mark_terms_that_link_to_the_glossary_and_name_their_definition(client, path, term, glossary_url):
    html = client.get(path).content.decode()
    found = re.findall(r'<a class="term__link" href="([^"]+)" aria-describedby="([^"]+)">(.*?)</a>', html)
    assert found
    hrefs = [href for href, _, _ in found]
    assert all(h.startswith(glossary_url + "#term-") for h in hrefs)
    assert len(hrefs) == len(set(hrefs))  # each term once
    texts = [re.sub(r"<(rt|rp)>.*?</\1>|<[^>]+>", "", text) for _, _, text in found]
    assert term in texts
    for _, def_id, _ in found:
        assert f'id="{def_id}" role="tooltip" hidden>' in html
    main = html[html.index("<main") : html.index("</main>")]
    assert not re.search(r"<h[1-6][^>]*>(?:(?!</h).)*term__link", main, re.S)
    if path.startswith("/ja-x-easy/"):  # the definitions get furigana too
        definition = re.search(r'role="tooltip" hidden>(.*?)</span></span>', html, re.S).group(1)
        assert "<rt" in definition


# --- search -------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "query", "key"),
    [
        ("ja", "受給者証とは", "term-jukyushasho"),
        ("ja", "障害者手帳って何", "term-shogaisha-techo"),
        ("ja-x-easy", "受給者証って なに", "term-jukyushasho"),
        ("en", "what is a recipient certificate", "term-jukyushasho"),
        ("en", "what is Hello Work", "term-hello-work"),
    ],
)
def test_search_finds_the_glossary_entry(client, code, query, key):
    response = client.get("/api/search/", {"q": query, "locale": code, "limit": 3})
    first = response.json()["results"][0]
    assert (first["id"], first["type"]) == (key, "term")
    assert first["url"] == f"{GlossaryPage.objects.get(locale__language_code=code).url}#{key}"
    assert not response.json()["low_confidence"]


@pytest.mark.django_db
def test_a_question_that_is_not_about_a_word_gets_its_answer_first():
    hits = database.search("手帳 ない", Locale.get_default().pk, 5).hits
    assert hits[0].entry.kind == "faq"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.django_db
def test_publishing_a_term_updates_its_search_entry_and_purges_the_pages_that_show_it(client):
    easy = Term.objects.get(locale__language_code="ja-x-easy", slug="jukyushasho")
    client.get("/ja-x-easy/service/")
    assert client.get("/ja-x-easy/service/").get("X-Page-Cache") == "hit"
    easy.definition = "ぴよぴよの紙です。"
    easy.save_revision().publish()
    row = SearchEntry.objects.get(locale=easy.locale, kind="term", key="term-jukyushasho")
    assert row.text == "ぴよぴよの紙です。"
    response = client.get("/ja-x-easy/getting-started/")
    assert "ぴよぴよ" in response.content.decode()
    assert client.get("/ja-x-easy/service/").get("X-Page-Cache") == "miss"
    caches["pages"].clear()
    glossary.clear_cache()


# --- the editor's easy-Japanese check -----------------------------------------------------------------


@pytest.mark.django_db
def test_the_editors_easy_japanese_check_covers_the_glossary_definitions():
    page = GlossaryPage.objects.get(locale__language_code="ja-x-easy")
    check = checks.easy_japanese_check(page, page.easy_japanese_texts())
    assert check.text.problems == []
    assert check.text.word_count > checks.easy_japanese_check(page).text.word_count
    term = Term.objects.get(locale__language_code="ja-x-easy", slug="setai")
    term.definition = "同一世帯の生計を維持する者の所得を勘案して判定いたします。"
    hard = checks.easy_japanese_check(term)
    assert any("へりくだった" in issue for issue in hard.issues)
    assert {"生計", "維持"} & {word for word, _ in hard.text.hard_words}


@pytest.mark.django_db
def test_the_term_edit_view_shows_the_easy_japanese_check(admin_client):
    term = Term.objects.get(locale__language_code="ja-x-easy", slug="setai")
    response = admin_client.get(f"/admin/snippets/language/term/edit/{term.pk}/", follow=True)
    assert response.status_code == 200
    assert "やさしい日本語のチェック" in response.content.decode()
