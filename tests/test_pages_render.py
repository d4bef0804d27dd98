"""Every seeded page renders, with the semantic structure the design promises."""

import re
from pathlib import Path

import pytest
from wagtail.models import Page

# The only scripts allowed are static files (the CSP forbids inline code).
# A script element that runs: JSON data blocks (JSON-LD for search engines) never run, and CSP does not apply.
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>")

pytestmark = pytest.mark.django_db
SOURCE = (Path(__file__).resolve().parent.parent / "home" / "seed" / "source_ja.txt").read_text()


def live_urls():
    return [p.url for p in Page.objects.live().filter(depth__gt=1).specific()]


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    # A glossary term's definition (language/glossary.py) opens apart from the sentence that uses the term.
    html = re.sub(r'<span class="term__def"[^>]*>.*?</span>(?=</span>)', "", html, flags=re.S)
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


def test_every_page_renders(client):
    urls = live_urls()
    assert Page.objects.live().filter(depth__gt=1, locale__language_code="ja").count() == 14
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.count(b"<h1") == 1, url


def test_every_sentence_of_the_source_is_on_the_site(client):
    """Each sentence of the office's page appears in some rendered page (tables are checked cell by cell)."""
    import html as htmlmod

    site_text = "".join(visible_text(htmlmod.unescape(client.get(u).content.decode())) for u in live_urls())
    missing = []
    for line in SOURCE.splitlines():
        for sentence in re.split(r"(?<=[。?!])", line):
            s = re.sub(r"\s+", "", sentence.strip().lstrip("•"))
            if len(s) >= 6 and s not in site_text:
                missing.append(s)
    assert sorted(missing) == sorted(TABLE_AND_LABEL_LINES)


# Lines of the source that are table rows, numbered labels or run-together cells: their facts
# are checked as typed values in test_seed_content.py and rendered cell by cell.
TABLE_AND_LABEL_LINES = [
    "受付時間:10:00~17:00",  # rendered with its days: 受付時間: 平日 10:00~17:00
    "15:00~",  # the last slot (終礼) has a start and no end time
    "低所得市町村民税非課税世帯(※1)0円",
    "一般1市町村民税課税世帯(所得割16万円(※2)未満)",
    "※入所施設利用者(20歳以上)、グループホーム、ケアホーム利用者を除く(※3)",
    "(※1)目安として、前年の給与収入が100万円以下であれば非課税です。",
    "(※2)目安として、前年の年収がおよそ204万円から600万円以下の方になります。",
    "(※3)入所施設利用者(20歳以上)、グループホーム利用者は、市町村民税課税世帯の場合、「一般2」となります。",
]


def test_fee_table_markup(client):
    html = client.get("/ja/fees/").content.decode()
    assert "<caption" in html
    assert html.count('<th scope="col">') == 3
    assert html.count('<th scope="row">') == 4
    assert '<data value="9300">9,300円</data>' in html
    assert '<data value="37200">37,200円</data>' in html
    assert 'href="#fee-note-1"' in html and 'id="fee-note-1"' in html


def test_schedule_uses_time_elements(client):
    html = client.get("/ja/daily-schedule/").content.decode()
    assert '<time datetime="09:30">9:30</time>' in html
    assert '<time datetime="15:00">15:00</time>' in html
    assert html.count("<time datetime=") >= 15


def test_steps_are_ordered_lists(client):
    for url in ("/ja/getting-started/", "/ja/path-to-employment/"):
        html = client.get(url).content.decode()
        assert html.count('<li class="steps__item">') == 5, url
        assert '<ol class="steps__list">' in html


def test_faq_questions_are_headings_that_open_their_answers(client):
    html = client.get("/ja/faq/").content.decode()
    assert '<details class="faq" id="faq-cost">' in html
    assert len(re.findall(r'<summary><h2 class="faq__question">', html)) == 28
    assert 'href="/ja/fees/"' in html


def test_content_pages_end_with_the_next_steps(client):
    """Call, visit, trial and the form at the end of every content page (not on the form's own page)."""
    for url in ("/ja/fees/", "/en/faq/", "/ja-x-easy/case-studies/case-a/"):
        html = client.get(url).content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        assert main.count('class="cta cta--') == 4, url
        assert 'href="tel:+81488128677"' in main
    contact = client.get("/ja/contact/").content.decode()
    assert 'class="cta cta--' not in contact


def test_time_ranges_use_each_languages_punctuation(client):
    ja = client.get("/ja/daily-schedule/").content.decode()
    en = client.get("/en/daily-schedule/").content.decode()
    range_ja = '<time datetime="10:10">10:10</time><span class="range">~</span><time datetime="11:00">11:00</time>'
    assert range_ja in ja
    assert range_ja.replace("~", "\u2013") in en
    assert "~" not in en.split("<main")[1] and "〜" not in en.split("<main")[1]


def test_layout_has_landmarks_skip_link_and_phone(client):
    html = client.get("/ja/").content.decode()
    assert '<html lang="ja">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html and "<nav" in html and "<footer" in html
    assert 'href="tel:+81488128677"' in html
    assert not INLINE_SCRIPT.search(html) and 'style="' not in html


def test_breadcrumbs_on_case_pages(client):
    html = client.get("/ja/case-studies/case-a/").content.decode()
    assert 'aria-label="パンくずリスト"' in html
    assert 'aria-current="page"' in html


def test_root_redirects_by_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == "/en/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ja")
    assert response["Location"] == "/ja/"


def test_unknown_page_is_a_localized_404(client):
    response = client.get("/ja/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


def test_page_renders_make_a_bounded_number_of_queries(client, django_assert_max_num_queries, settings):
    """No N+1 over blocks, menus or translations: the 28-item FAQ costs what a short page costs."""
    settings.PAGE_CACHE_ENABLED = False  # measure the render itself
    for url in ("/ja/", "/ja/faq/", "/ja/fees/", "/ja/case-studies/", "/ja-x-easy/faq/", "/en/contact/"):
        client.get(url)  # warm per-process caches (furigana overrides, site root)
        with django_assert_max_num_queries(25):
            response = client.get(url)
            assert response.status_code == 200 and "X-Page-Cache" not in response


def test_a_cached_page_costs_one_query(client, django_assert_num_queries):
    """The stamp check (pagecache.stamps.read): what keeps every process's copy current."""
    for url in ("/ja/", "/ja-x-easy/faq/", "/en/contact/"):
        client.get(url)
        with django_assert_num_queries(1):
            assert client.get(url)["X-Page-Cache"] == "hit"


def test_server_error_page_is_localized_and_needs_no_database(rf, django_assert_num_queries):
    from django.utils import translation

    from home.views import server_error

    with translation.override("en"), django_assert_num_queries(0):
        response = server_error(rf.get("/en/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="en">' in html and 'href="tel:+81488128677"' in html
    assert "一時的なエラー" not in html  # the English catalog has the message
