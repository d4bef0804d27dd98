"""The full-page cache: variants, bypasses, HTTP headers and 304s, and every event that purges it."""

import http.server
import re
import threading

import pytest
from django.contrib.auth.models import Group, User
from django.db.models.signals import post_delete, post_save
from django.utils.http import parse_http_date
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from core.models import Office
from home.models import HomePage
from language.models import FuriganaOverride
from pagecache import events
from search.models import Synonym
from services.models import CaseStudyIndexPage, CaseStudyPage, FAQPage

pytestmark = pytest.mark.django_db
LOCALES = ["ja", "ja-x-easy", "en"]


def live_urls():
    return [p.url for p in Page.objects.live().filter(depth__gt=1)]


def cache_status(response):
    return response.get("X-Page-Cache")


def page(model, code):
    return model.objects.get(locale__language_code=code)


def publish(instance, **changes):
    instance = Page.objects.get(pk=instance.pk).specific
    for field, value in changes.items():
        setattr(instance, field, value)
    instance.save_revision().publish()
    return instance


def text_of(response):
    """The page's text as read aloud: markup and furigana readings removed."""
    return re.sub(r"<(rt|rp)>.*?</\1>|<[^>]+>", "", response.content.decode())


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert cache_status(client.get(url)) == "hit", url


# --- what is cached, for whom ------------------------------------------------------------------


def test_every_page_in_every_locale_is_cached_and_shared(client):
    urls = live_urls()
    assert len(urls) == 42
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200 and cache_status(first) == "miss", url
        assert not first.cookies, url  # no Set-Cookie on an anonymous GET
        second = client.get(url)
        assert cache_status(second) == "hit", url
        assert second.content == first.content, url
        assert second["ETag"] == first["ETag"], url


def test_only_easy_pages_vary_and_only_by_the_furigana_cookie(client):
    for url in live_urls():
        response = client.get(url)
        if url.startswith("/ja-x-easy/"):
            assert response["Vary"] == "Cookie", url
        else:
            assert not response.has_header("Vary"), url


def test_furigana_on_and_off_are_separate_variants(client):
    url = "/ja-x-easy/faq/"
    on = client.get(url)
    client.cookies["furigana"] = "off"
    off = client.get(url)
    assert cache_status(on) == cache_status(off) == "miss"
    assert b'class="no-furigana"' in off.content and b'class="no-furigana"' not in on.content
    assert client.get(url).content == off.content  # a hit, still without furigana
    client.cookies["furigana"] = "on"
    hit = client.get(url)
    assert cache_status(hit) == "hit" and hit.content == on.content
    # Standard Japanese has no furigana toggle: the cookie changes nothing there.
    client.get("/ja/faq/")
    client.cookies["furigana"] = "off"
    assert cache_status(client.get("/ja/faq/")) == "hit"


def test_unrelated_cookies_and_marketing_parameters_share_the_copy(client):
    client.get("/ja/fees/")
    client.cookies["_ga"] = "GA1.1.123"
    assert cache_status(client.get("/ja/fees/?utm_source=newsletter&fbclid=x")) == "hit"
    assert cache_status(client.get("/ja/fees/?page=2")) == "miss"  # other parameters may change a page


def test_staff_get_the_live_page_with_the_userbar_and_never_fill_the_cache(client):
    anonymous = client.get("/ja/")
    assert b"wagtail-userbar" not in anonymous.content
    staff = User.objects.create_superuser("staff", password="x")
    client.force_login(staff)
    for _ in range(2):
        response = client.get("/ja/")
        assert cache_status(response) is None
        assert b"wagtail-userbar" in response.content
        assert "public" not in response.get("Cache-Control", "")
    client.logout()
    shared = client.get("/ja/")
    assert cache_status(shared) == "hit" and b"wagtail-userbar" not in shared.content


def test_posts_bypass_the_cache_and_are_never_stored(client):
    warm(client, "/ja/contact/")
    response = client.post("/ja/contact/", {"purpose": "visit"})  # invalid: no name, no phone
    assert response.status_code == 200 and cache_status(response) is None
    assert "no-store" in response["Cache-Control"]  # it shows what the visitor typed
    assert b"field--error" in response.content
    again = client.get("/ja/contact/")
    assert cache_status(again) == "hit" and b"field--error" not in again.content


def test_a_restricted_page_is_never_shared(client):
    faq = page(FAQPage, "ja")
    PageViewRestriction.objects.create(page=faq, restriction_type=PageViewRestriction.PASSWORD, password="x")
    for _ in range(2):
        response = client.get(faq.url)
        assert cache_status(response) is None
        assert "private" in response["Cache-Control"]
        assert b"faq-cost" not in response.content


def test_a_cache_that_is_down_only_costs_speed(client, settings):
    nothing_listens = "redis://127.0.0.1:9/0"  # the discard port
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": nothing_listens},
    }
    for _ in range(2):
        response = client.get("/ja/")
        assert response.status_code == 200 and b"<h1" in response.content


def test_shared_redis_cache_serves_pages_across_clients(settings, redis_url):
    from django.core.cache import caches
    from django.test import Client

    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url},
    }
    caches["pages"].clear()
    try:
        assert cache_status(Client().get("/en/fees/")) == "miss"
        assert cache_status(Client().get("/en/fees/")) == "hit"
        publish(page(FAQPage, "en").get_parent().get_children().get(slug="fees"), title="Fees (new)")
        fresh = Client().get("/en/fees/")
        assert cache_status(fresh) == "miss" and b"Fees (new)" in fresh.content
    finally:
        caches["pages"].clear()


# --- HTTP caching headers ----------------------------------------------------------------------


def test_shared_caches_may_keep_pages_longer_than_browsers(client):
    response = client.get("/en/")
    directives = dict(
        (d.split("=") + [True])[:2] for d in (part.strip() for part in response["Cache-Control"].split(","))
    )
    assert directives["public"] is True
    assert int(directives["max-age"]) < int(directives["s-maxage"])
    assert int(directives["stale-while-revalidate"]) > 0
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    # The page's own publication, or a later purge (a menu page renamed since, say).
    home = page(HomePage, "en")
    assert parse_http_date(response["Last-Modified"]) >= int(home.last_published_at.timestamp())


@pytest.mark.parametrize("url", ["/ja/", "/ja-x-easy/faq/", "/en/contact/"])
def test_revalidation_answers_304_from_the_cache_and_when_rendering(client, url):
    first = client.get(url)
    for _ in range(2):  # the second is served from the cache
        not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert not_modified.status_code == 304 and not not_modified.content
        assert not_modified["ETag"] == first["ETag"]
        assert not_modified["Cache-Control"] == first["Cache-Control"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    if url.startswith("/ja-x-easy/"):
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])["Vary"] == "Cookie"


def test_a_change_makes_a_new_etag_and_a_later_last_modified(client):
    faq = page(FAQPage, "ja")
    before = client.get(faq.url)
    publish(faq, intro="新しい導入文です。")
    after = client.get(faq.url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert parse_http_date(after["Last-Modified"]) >= parse_http_date(before["Last-Modified"])


# --- invalidation: the very next anonymous GET shows each change, in each locale ---------------


def others(code):
    return [c for c in LOCALES if c != code]


@pytest.mark.parametrize("code", LOCALES)
def test_publish_purges_the_page_its_translations_and_parent_not_the_rest(client, code):
    faq = page(FAQPage, code)
    translations = [page(FAQPage, c).url for c in others(code)]
    warm(client, faq.url, f"/{code}/", f"/{code}/fees/", *translations)
    publish(faq, intro="キャッシュ試験の新しい導入文です。")
    assert "キャッシュ試験の新しい導入文です" in text_of(client.get(faq.url))
    for url in [f"/{code}/", *translations]:  # parent (home) and the other languages' switchers
        assert cache_status(client.get(url)) == "miss", url
    assert cache_status(client.get(f"/{code}/fees/")) == "hit"  # nothing else changed


@pytest.mark.parametrize("code", LOCALES)
def test_a_new_menu_title_purges_every_page_of_that_locale_only(client, code):
    fees = page(FAQPage, code).get_parent().get_children().get(slug="fees")
    elsewhere = [f"/{c}/faq/" for c in others(code)]
    warm(client, f"/{code}/faq/", f"/{code}/case-studies/case-a/", *elsewhere)
    publish(fees, title="新しいメニュー名")
    for url in (f"/{code}/faq/", f"/{code}/case-studies/case-a/"):
        assert "新しいメニュー名" in text_of(client.get(url)), url
    for url in elsewhere:  # other languages' menus have their own titles
        assert cache_status(client.get(url)) == "hit", url


@pytest.mark.parametrize("code", LOCALES)
def test_the_home_pages_next_steps_are_new_on_every_page_of_its_locale(client, code):
    """Content pages end with the home page's call, visit, trial and form buttons (includes/cta.html)."""
    home = Page.objects.get(pk=page(HomePage, code).pk).specific
    warm(client, f"/{code}/fees/", f"/{code}/case-studies/case-a/")
    body = home.body
    for block in body:
        if block.block_type == "next_steps":
            block.value["heading"] = "新しい次の一歩"
    publish(home, body=body)
    for url in (f"/{code}/fees/", f"/{code}/case-studies/case-a/"):
        assert "新しい次の一歩" in text_of(client.get(url)), url


@pytest.mark.parametrize("code", LOCALES)
def test_unpublish_purges_the_page_and_the_menus_of_its_locale(client, code):
    case_b = page(CaseStudyIndexPage, code).get_children().get(slug="case-b")
    index = page(CaseStudyIndexPage, code)
    warm(client, case_b.url, index.url, f"/{code}/")
    case_b.specific.unpublish()
    assert client.get(case_b.url).status_code == 404
    assert case_b.url.encode() not in client.get(index.url).content


@pytest.mark.parametrize("code", LOCALES)
def test_move_purges_the_old_and_new_urls(client, code):
    case_b = page(CaseStudyIndexPage, code).get_children().get(slug="case-b").specific
    index = page(CaseStudyIndexPage, code)
    old_url = case_b.url
    warm(client, old_url, index.url)
    case_b.move(page(HomePage, code), pos="last-child")
    moved = client.get(old_url)  # Wagtail's automatic redirect to the new place
    assert moved.status_code == 301 and moved["Location"] == f"/{code}/case-b/"
    assert old_url.encode() not in client.get(index.url).content
    assert client.get(f"/{code}/case-b/").status_code == 200


@pytest.mark.parametrize("code", LOCALES)
def test_delete_purges_the_page_and_its_listing(client, code):
    case_b = page(CaseStudyIndexPage, code).get_children().get(slug="case-b")
    index = page(CaseStudyIndexPage, code)
    warm(client, case_b.url, index.url)
    url = case_b.url
    case_b.delete()
    assert client.get(url).status_code == 404
    assert url.encode() not in client.get(index.url).content


@pytest.mark.parametrize("code", ["ja-x-easy", "en"])
def test_a_translation_published_through_wagtail_localize(client, code, django_capture_on_commit_callbacks):
    ja_faq = page(FAQPage, "ja")
    target = page(FAQPage, code)
    warm(client, target.url, ja_faq.url)
    body = ja_faq.body.raw_data
    item = next(b for b in body if b["id"] == "faq-cost")
    item["value"]["question"] = "費用はいくらですか(改)"
    ja_faq = publish(ja_faq, body=body)
    source = TranslationSource.objects.get_for_instance(ja_faq)
    source.update_from_db()
    translation = Translation.objects.get(source=source, target_locale__language_code=code)
    po = translation.export_po()
    for entry in po:
        if entry.msgctxt == "body.faq-cost.question":
            entry.msgstr = "キャッシュ試験の質問" if code == "ja-x-easy" else "Cache test question"
    assert translation.import_po(po) == []
    warm(client, target.url)  # the translation is not published yet: its page is unchanged and cached
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translation.save_target(publish=True)
    text = text_of(client.get(target.url))
    assert ("キャッシュ試験の質問" if code == "ja-x-easy" else "Cache test question") in text


def test_an_alias_shows_its_source_s_change(client):
    fees = page(FAQPage, "ja").get_parent().get_children().get(slug="fees").specific
    alias = fees.create_alias(update_slug="fees-alias")
    warm(client, alias.url, fees.url)
    publish(fees, intro="別名のページにも出る新しい導入文です。")
    assert "別名のページにも出る新しい導入文です" in client.get(alias.url).content.decode()
    assert "別名のページにも出る新しい導入文です" in client.get(fees.url).content.decode()


@pytest.mark.parametrize("code", LOCALES)
def test_a_privacy_change_purges_the_page_and_the_menus(client, code):
    faq = page(FAQPage, code)
    warm(client, faq.url, f"/{code}/fees/")
    restriction = PageViewRestriction.objects.create(page=faq, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(faq.url).status_code == 302  # to the login page
    assert f'href="{faq.url}"'.encode() not in client.get(f"/{code}/fees/").content  # menus list public pages
    restriction.delete()
    assert client.get(faq.url).status_code == 200
    assert f'href="{faq.url}"'.encode() in client.get(f"/{code}/fees/").content


def test_office_details_purge_every_page(client):
    urls = live_urls()
    warm(client, *urls)
    office = Office.objects.get(locale=Locale.get_default())
    office.phone = "048-000-0000"
    office.save()
    for url in urls:
        response = client.get(url)
        assert cache_status(response) == "miss", url
        if url.startswith("/ja/"):
            assert b"048-000-0000" in response.content, url


@pytest.mark.parametrize("code", LOCALES)
def test_a_synonym_purges_the_search_pages(client, code):
    url = f"/{code}/search/?q=ぴよぴよ"
    warm(client, url, f"/{code}/faq/")
    assert b"search-result__title" not in client.get(url).content
    Synonym.objects.create(term="ぴよぴよ", synonyms="費用、fees")
    assert b"search-result__title" in client.get(url).content
    assert cache_status(client.get(f"/{code}/faq/")) == "hit"


def test_search_pages_follow_content_changes(client):
    url = "/ja/search/?q=ぴよぴよ"
    warm(client, url)
    publish(page(FAQPage, "ja"), intro="ぴよぴよの説明です。")
    assert b"search-result__title" in client.get(url).content


def test_a_furigana_override_purges_every_easy_page_only(client):
    url = "/ja-x-easy/fees/"
    warm(client, url, "/ja-x-easy/faq/", "/ja/fees/")
    assert '<rt data-ruby="きかん"></rt>' in client.get(url).content.decode()
    FuriganaOverride.objects.create(word="期間", reading="しけんよみ")
    assert '<rt data-ruby="しけんよみ"></rt>' in client.get(url).content.decode()
    assert cache_status(client.get("/ja-x-easy/faq/")) == "miss"
    assert cache_status(client.get("/ja/fees/")) == "hit"


@pytest.fixture
def group_declares_targets(monkeypatch):
    """An existing model (auth.Group) declaring page_cache_targets, as the glossary's Term will."""
    monkeypatch.setattr(Group, "page_cache_targets", lambda self: ["/ja-x-easy/*", "/en/faq/"], raising=False)
    events.connect()
    yield
    for signal in (post_save, post_delete):
        signal.disconnect(sender=Group, dispatch_uid="page-cache:auth.Group")


def test_a_model_registers_itself_by_declaring_page_cache_targets(client, group_declares_targets):
    warm(client, "/ja-x-easy/fees/", "/en/faq/", "/en/fees/", "/ja/faq/")
    group = Group.objects.create(name="glossary-like")
    assert cache_status(client.get("/ja-x-easy/fees/")) == "miss"
    assert cache_status(client.get("/en/faq/")) == "miss"
    assert cache_status(client.get("/en/fees/")) == "hit"
    assert cache_status(client.get("/ja/faq/")) == "hit"
    warm(client, "/en/faq/")
    group.delete()
    assert cache_status(client.get("/en/faq/")) == "miss"


def test_a_rolled_back_change_purges_nothing(client):
    from django.db import transaction

    warm(client, "/ja/")
    with pytest.raises(RuntimeError), transaction.atomic():
        Synonym.objects.create(term="ろーるばっく", synonyms="費用")
        Office.objects.filter(locale=Locale.get_default()).first().save()
        raise RuntimeError
    assert cache_status(client.get("/ja/")) == "hit"


# --- the reverse proxy or CDN gets the same URLs -----------------------------------------------


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """A real HTTP cache endpoint that only records what it is asked to purge."""

    purged: list

    def do_PURGE(self):
        self.purged.append(self.headers["Host"] + self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_endpoint(settings):
    PurgeRecorder.purged = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield PurgeRecorder.purged
    server.shutdown()


def test_the_proxy_is_purged_after_commit_with_exactly_the_affected_urls(
    purge_endpoint, django_capture_on_commit_callbacks
):
    host = Page.objects.get(pk=page(FAQPage, "ja").pk).get_site().hostname
    port = Page.objects.get(pk=page(FAQPage, "ja").pk).get_site().port
    netloc = host if port == 80 else f"{host}:{port}"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(page(FAQPage, "en"), intro="A new intro.")
    assert purge_endpoint == []  # nothing before the commit
    for callback in callbacks:
        callback()
    expected = {"/en/faq/", "/ja/faq/", "/ja-x-easy/faq/", "/en/", "/ja/search/", "/ja-x-easy/search/", "/en/search/"}
    expected.add("/sitemap.xml")  # it lists every page
    assert sorted(purge_endpoint) == sorted(netloc + path for path in expected)


def test_purging_everything_lists_every_page_for_the_proxy(purge_endpoint, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Office.objects.filter(locale=Locale.get_default()).first().save()
    paths = {url.split("/", 1)[1] for url in purge_endpoint}
    assert {"/" + p for p in paths} >= set(live_urls()) | {"/ja/contact/thanks/", "/en/search/"}


def test_case_index_lists_children_after_publish(client):
    case_a = CaseStudyPage.objects.get(locale__language_code="ja", slug="case-a")
    index = page(CaseStudyIndexPage, "ja")
    warm(client, index.url)
    publish(case_a, title="Aさん(新しい題名)")
    assert "Aさん(新しい題名)" in text_of(client.get(index.url))
