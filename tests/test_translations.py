"""Three versions of every page through wagtail-localize: complete, in step, and never mixed up."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from core.models import Office
from language.furigana import add_ruby
from language.models import FuriganaOverride
from services.models import FAQPage

pytestmark = pytest.mark.django_db
LOCALES = ["ja", "ja-x-easy", "en"]
KANJI = re.compile(r"[\u3005\u4e00-\u9fff]")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def live_pages(code):
    return Page.objects.live().filter(locale__language_code=code, depth__gt=1).specific()


def main_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_every_locale_has_the_same_live_pages():
    keys = {code: {p.translation_key for p in live_pages(code)} for code in LOCALES}
    assert len(keys["ja"]) == 14  # 13 pages and the glossary
    assert keys["ja-x-easy"] == keys["ja"]
    assert keys["en"] == keys["ja"]
    assert {o.locale.language_code for o in Office.objects.all()} == set(LOCALES)


def test_no_segment_is_left_untranslated():
    translations = Translation.objects.filter(target_locale__language_code__in=["ja-x-easy", "en"])
    assert translations.count() == 2 * (15 + 21)  # 14 pages, the office details and 21 terms, in two locales
    incomplete = {}
    for translation in translations.select_related("source", "target_locale"):
        total, done = translation.get_progress()
        if total != done:
            incomplete[f"{translation.target_locale.language_code}: {translation.source.object_repr}"] = total - done
    assert incomplete == {}


def test_english_pages_show_no_untagged_japanese(client):
    """Japanese on English pages only appears as marked terms (<span lang="ja">)."""
    for page in live_pages("en"):
        soup = main_soup(client, page.url)
        for marked in soup.select('[lang="ja"], [lang="ja-x-easy"]'):
            marked.decompose()
        text = soup.get_text(" ")
        assert not JAPANESE.search(text), f"{page.url}: {JAPANESE.findall(text)[:10]}"


def test_easy_pages_have_furigana_on_nearly_every_kanji(client):
    for page in live_pages("ja-x-easy"):
        soup = main_soup(client, page.url).find("main")
        rubies = soup.find_all("ruby")
        # The reading is an attribute drawn by CSS; the <rt> itself holds no text (read and copied once).
        readings = [r.rt.get("data-ruby", "") for r in rubies]
        assert all(re.fullmatch(r"[\u3041-\u309f\u30fc]+", r) for r in readings), page.url
        assert not any(r.rt.get_text() for r in rubies), page.url
        in_ruby = sum(len(KANJI.findall(r.find(string=True, recursive=False) or "")) for r in rubies)
        for r in rubies:
            r.decompose()
        outside = len(KANJI.findall(soup.get_text()))
        coverage = in_ruby / max(in_ruby + outside, 1)
        assert coverage >= 0.95, f"{page.url}: {coverage:.0%} of kanji have furigana"


def test_furigana_overrides_fix_known_misreadings():
    html = add_ruby("障害をお持ちの方や難病のある方。障がい者支援課。春日部市に住む")
    assert html.count('<rt data-ruby="かた"></rt>') == 2 and '<rt data-ruby="ほう"></rt>' not in html
    assert '<ruby>障<rt data-ruby="しょう"></rt></ruby>がい<ruby>者<rt data-ruby="しゃ">' in html
    assert '<ruby>春日部市<rt data-ruby="かすかべし">' in html


def test_staff_can_correct_a_reading():
    assert '<rt data-ruby="ほう"></rt>' in add_ruby("この方が良い")
    FuriganaOverride.objects.create(word="この方", reading="このかた")
    assert '<ruby>方<rt data-ruby="かた">' in add_ruby("この方が良い")


def test_okurigana_stays_outside_the_ruby():
    assert add_ruby("持ち") == '<ruby>持<rt data-ruby="も"></rt></ruby>ち'


def test_markup_and_entities_are_not_analysed():
    assert add_ruby('<span lang="en">e-learning</span>&amp;') == '<span lang="en">e-learning</span>&amp;'


def test_furigana_can_be_turned_off_and_is_remembered(client):
    response = client.get("/ja-x-easy/furigana/?show=0&next=/ja-x-easy/faq/")
    assert response.status_code == 302 and response["Location"] == "/ja-x-easy/faq/"
    html = client.get("/ja-x-easy/faq/").content.decode()
    assert 'class="no-furigana"' in html and "furigana/?show=1" in html
    client.get("/ja-x-easy/furigana/?show=1&next=/ja-x-easy/faq/")
    html = client.get("/ja-x-easy/faq/").content.decode()
    assert 'class="no-furigana"' not in html


def test_furigana_toggle_refuses_offsite_redirects(client):
    response = client.get("/ja-x-easy/furigana/?show=0&next=https://evil.example/")
    assert response["Location"] == "/ja-x-easy/"


@pytest.mark.parametrize("code", LOCALES)
def test_switcher_and_hreflang_links_resolve(client, code):
    for page in live_pages(code):
        soup = main_soup(client, page.url)
        assert soup.html["lang"] == code
        switcher = soup.select(".language-switcher a")
        available = {p.locale.language_code for p in page.get_translations(inclusive=True).live()}
        assert {a["hreflang"] for a in switcher} == (available if len(available) > 1 else set()), page.url
        assert all(a["lang"] == a["hreflang"] for a in switcher)
        alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')}
        assert set(alternates) == {*available, "x-default"}
        for href in alternates.values():
            path = re.sub(r"^https?://[^/]+", "", href)
            assert client.get(path).status_code == 200, href


def test_untranslated_page_is_hidden_and_404(client):
    ja_faq = FAQPage.objects.get(locale__language_code="ja")
    en_faq = ja_faq.get_translation(Locale.objects.get(language_code="en"))
    en_faq.unpublish()
    assert client.get(en_faq.url).status_code == 404
    assert "ページが見つかりません" not in client.get("/en/no-such-page/").content.decode()
    soup = main_soup(client, ja_faq.url)
    assert {a["hreflang"] for a in soup.select(".language-switcher a")} == {"ja", "ja-x-easy"}


def test_japanese_home_is_never_served_under_another_language(client):
    en_home = Page.objects.get(locale__language_code="en", depth=2)
    en_home.unpublish()
    assert client.get("/en/").status_code == 404


def test_source_change_marks_translation_out_of_date_until_translated(client, django_capture_on_commit_callbacks):
    """Edit source → sync → the new segment is untranslated → translate → publish."""
    ja_faq = FAQPage.objects.get(locale__language_code="ja")
    en_url = ja_faq.get_translation(Locale.objects.get(language_code="en")).url
    old_english = main_soup(client, en_url).select_one("#faq-cost .faq__answer").get_text(" ", strip=True)

    body = ja_faq.body.raw_data
    item = next(b for b in body if b["id"] == "faq-cost")
    item["value"]["answer"] = "利用料は原則1割ですが、約9割の方が0円です。まずはご相談ください。"
    ja_faq.body = body
    ja_faq.save_revision().publish()

    source = TranslationSource.objects.get_for_instance(ja_faq)
    source.update_from_db()  # what "Sync translated pages" does in the editor
    translation = Translation.objects.get(source=source, target_locale__language_code="en")
    total, done = translation.get_progress()
    assert done == total - 1  # exactly the changed answer is waiting
    segment = StringSegment.objects.get(source=source, context__path="body.faq-cost.answer")
    assert segment.string.data.startswith("利用料は原則1割ですが")

    # The live English page keeps its last translated text in the meantime.
    assert main_soup(client, en_url).select_one("#faq-cost .faq__answer").get_text(" ", strip=True) == old_english

    po = translation.export_po()
    for entry in po:
        if entry.msgctxt == "body.faq-cost.answer":
            entry.msgstr = "The fee is normally 10% of the cost, but about 90% of people pay 0 yen. Please ask us."
    assert translation.import_po(po) == []
    assert translation.get_progress() == (total, total)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(publish=True)
    new_english = main_soup(client, en_url).select_one("#faq-cost .faq__answer").get_text(" ", strip=True)
    assert new_english.startswith("The fee is normally 10%")


@pytest.mark.parametrize("code", ["ja-x-easy", "en"])
def test_links_in_translated_content_stay_in_the_same_language(client, code):
    """Page links inside content (home offers, FAQ → fees) point to the translated pages."""
    for page in live_pages(code):
        main = main_soup(client, page.url).find("main")
        hrefs = [a["href"] for a in main.find_all("a", href=True) if a["href"].startswith("/")]
        assert all(h.startswith(f"/{code}/") for h in hrefs), (page.url, hrefs)


def test_numbers_keep_their_digits_and_are_read_with_their_counters():
    html = add_ruby("100万円以下、204万、2.5倍")
    assert "れいれい" not in html
    assert '<ruby class="number">100万円<rt data-ruby="ひゃくまんえん"></rt></ruby>' in html
    assert '204<ruby>万<rt data-ruby="まん"></rt></ruby>' in html
    # A number the counter table cannot read (a decimal) keeps its digits plain; the kanji is read alone.
    assert '2.5<ruby>倍<rt data-ruby="ばい"></rt></ruby>' in html
