"""The headless API (/api/v3/): typed content in every locale, filters, errors, HTTP caching, CORS, read-only."""

import re

import pytest
from django.test import override_settings
from django.utils.http import http_date
from wagtail import blocks
from wagtail.models import Locale, Page, PageViewRestriction

from cms.api import LIMIT_MAX, content
from home.models import HomePage
from language.locales import LOCALES
from services.models import FAQPage, FeesPage

pytestmark = pytest.mark.django_db
API = "/api/v3/pages/"
HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def locales_with_pages():
    return sorted({p.locale.language_code for p in Page.objects.live().filter(depth__gt=1).select_related("locale")})


def live_faq_pages():
    return FAQPage.objects.live().select_related("locale")


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    return response.json()


def all_items(client, **params):
    return get_json(client, API, limit=LIMIT_MAX, **params)["items"]


def detail(client, page):
    return get_json(client, f"{API}{page.pk}/")


def home_of(language_code):
    return HomePage.objects.get(locale__language_code=language_code)


def blocks_of(data, block_type):
    return [block["value"] for block in data["body"] if block["type"] == block_type]


# --- Listing and filters ----------------------------------------------------------------------


def test_list_has_every_live_page_of_every_type_in_every_locale(client):
    items = all_items(client)
    expected = Page.objects.live().filter(depth__gt=1)
    assert sorted(item["id"] for item in items) == sorted(expected.values_list("pk", flat=True))
    assert {item["meta"]["type"] for item in items} == set(content.PAGE_TYPES)
    assert {item["meta"]["locale"] for item in items} == set(locales_with_pages())


def test_every_locale_lists_its_live_translations_of_the_japanese_pages(client):
    ja_keys = {item["meta"]["translation_key"] for item in all_items(client, locale="ja")}
    for code in LOCALES:
        items = all_items(client, locale=code)
        live = Page.objects.live().public().filter(depth__gt=1, locale__language_code=code)
        assert sorted(item["id"] for item in items) == sorted(live.values_list("pk", flat=True))
        assert {item["meta"]["translation_key"] for item in items} <= ja_keys
        # Every kind of service page is in every locale. (A policy page stays a draft in a locale until
        # its translation is complete, so the page counts can differ while one is being re-translated.)
        assert {item["meta"]["type"] for item in items} >= set(content.PAGE_TYPES) - {"home.PolicyPage"}


@pytest.mark.parametrize("code", ["ja", "ja-x-easy", "en"])
def test_filter_by_locale(client, code):
    response = client.get(API, {"locale": code, "limit": LIMIT_MAX})
    assert response["Content-Language"] == code
    items = response.json()["items"]
    assert items and {item["meta"]["locale"] for item in items} == {code}
    assert detail(client, Page.objects.get(pk=items[0]["id"]))["meta"]["locale"] == code
    assert client.get(f"{API}{items[0]['id']}/")["Content-Language"] == code
    assert all(f"/{code}/" in item["meta"]["html_url"] for item in items)


def test_filter_by_type_and_parent(client):
    cases = all_items(client, type="services.CaseStudyPage", locale="ja")
    assert [item["meta"]["slug"] for item in cases] == ["case-a", "case-b"]
    index = all_items(client, type="services.CaseStudyIndexPage", locale="ja")[0]
    children = all_items(client, parent=index["id"])
    assert [item["id"] for item in children] == [item["id"] for item in cases]
    assert {item["meta"]["parent_id"] for item in children} == {index["id"]}
    home = home_of("ja")
    top = all_items(client, parent=home.pk)
    assert len(top) == home.get_children().live().count() and "services.CaseStudyPage" not in {
        i["meta"]["type"] for i in top
    }
    # A parent that is not a visible page has no visible children: an empty list, not an error.
    assert get_json(client, API, parent=2_000_000)["items"] == []


def test_filter_by_translation_key_gives_the_page_in_every_locale(client):
    fees = FeesPage.objects.get(locale__language_code="ja")
    items = all_items(client, translation_key=str(fees.translation_key))
    assert {item["meta"]["locale"] for item in items} == set(locales_with_pages())
    assert {item["meta"]["slug"] for item in items} == {"fees"}


def test_pagination_with_limit_offset_and_count(client):
    everything = all_items(client)
    first = get_json(client, API, limit=5)
    second = get_json(client, API, limit=5, offset=5)
    assert first["count"] == second["count"] == len(everything)
    assert [i["id"] for i in first["items"] + second["items"]] == [i["id"] for i in everything[:10]]
    assert get_json(client, API)["limit"] == 20
    assert get_json(client, API, offset=10_000)["items"] == []


# --- Typed content ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["ja", "ja-x-easy", "en"])
def test_fee_amounts_are_integers_in_yen(client, code):
    data = detail(client, FeesPage.objects.get(locale__language_code=code))
    table = blocks_of(data, "fee_table")[0]
    assert [tier["monthly_cap_yen"] for tier in table["tiers"]] == [0, 0, 9300, 37200]
    assert all(type(tier["monthly_cap_yen"]) is int for tier in table["tiers"])
    assert blocks_of(data, "period")[0]["months"] == 24
    assert blocks_of(data, "free_share")[0]["percent"] == 90


@pytest.mark.parametrize("code", ["ja", "ja-x-easy", "en"])
def test_schedule_times_are_hh_mm(client, code):
    page = Page.objects.get(locale__language_code=code, slug="daily-schedule")
    slots = blocks_of(detail(client, page), "schedule")[0]["slots"]
    assert [(s["start"], s["end"]) for s in slots][:3] == [("09:30", None), ("10:00", None), ("10:10", "11:00")]
    assert all(HHMM.match(s["start"]) and (s["end"] is None or HHMM.match(s["end"])) for s in slots)


@pytest.mark.parametrize("code", ["ja", "ja-x-easy", "en"])
def test_case_study_milestone_months_are_integers(client, code):
    page = Page.objects.get(locale__language_code=code, slug="case-b")
    data = detail(client, page)
    assert [m["value"]["month"] for m in data["timeline"]] == [None, None, 3, 4, 5, 6, 8, 9, 10]
    assert [m["value"]["kind"] for m in data["timeline"]][-1] == "offer"


def test_faq_block_ids_are_identical_in_every_locale(client):
    ids = {}
    for page in live_faq_pages():
        data = detail(client, page)
        ids[page.locale.language_code] = [item["id"] for item in data["body"]]
        assert {item["type"] for item in data["body"]} == {"faq"}
    assert len(ids["ja"]) == 28 and "faq-cost" in ids["ja"]
    assert all(value == ids["ja"] for value in ids.values())


def test_faq_links_are_page_references(client):
    fees = FeesPage.objects.get(locale__language_code="ja")
    for page in live_faq_pages():
        data = detail(client, page)
        link = next(item["value"]["link_page"] for item in data["body"] if item["id"] == "faq-cost")
        assert link["type"] == "services.FeesPage"
        # The editor chose the Japanese fees page; each locale's FAQ links to its own fees page.
        assert link["id"] == fees.get_translation(page.locale).pk
        assert link["locale"] == page.locale.language_code
        assert link["detail_url"].endswith(f"{API}{link['id']}/")


def page_refs(value):
    """Every page reference (a PageRef object) inside a page's content."""
    if isinstance(value, dict):
        if set(value) == set(content.PageRef.model_fields):
            return [value]
        return [ref for item in value.values() for ref in page_refs(item)]
    if isinstance(value, list):
        return [ref for item in value for ref in page_refs(item)]
    return []


def test_links_in_content_point_to_pages_in_the_same_locale(client):
    """A link goes to the linked page's translation in the page's locale whenever that one is live."""
    for item in all_items(client):
        data = get_json(client, item["meta"]["detail_url"])
        locale = data["meta"]["locale"]
        for ref in page_refs({key: value for key, value in data.items() if key != "meta"}):
            if ref["locale"] != locale:
                linked = Page.objects.get(pk=ref["id"])
                same_locale = Page.objects.live().public().filter(translation_key=linked.translation_key)
                assert not same_locale.filter(locale__language_code=locale).exists(), (data["meta"]["html_url"], ref)


def test_contact_block_carries_the_office_details(client):
    data = detail(client, Page.objects.get(locale__language_code="ja", slug="contact"))
    contact = blocks_of(data, "contact")[0]
    assert contact["phone"] == "048-812-8677"
    assert (contact["hours_start"], contact["hours_end"]) == ("10:00", "17:00")


def test_detail_links_to_the_same_page_in_the_other_locales(client):
    for page in Page.objects.live().filter(depth__gt=1):
        data = detail(client, page)
        expected = Page.objects.live().filter(translation_key=page.translation_key).exclude(pk=page.pk)
        assert sorted(t["id"] for t in data["meta"]["translations"]) == sorted(expected.values_list("pk", flat=True))
        assert all(t["locale"] != data["meta"]["locale"] for t in data["meta"]["translations"])
        assert data["meta"]["translation_key"] == str(page.translation_key)


def test_every_page_type_has_a_typed_schema_and_unknown_blocks_are_refused():
    assert set(content.DETAIL_MODELS) == set(content.PAGE_TYPES)
    # An image chooser has no JSON type yet, and rich text is not used (text is plain, so that furigana and
    # `lang` are added in one place): the API refuses to start rather than publish an untyped blob.
    from wagtail.images.blocks import ImageChooserBlock

    with pytest.raises(TypeError, match="ImageChooserBlock"):
        content.block_type(blocks.StructBlock([("photo", ImageChooserBlock())]))
    with pytest.raises(TypeError, match="RichTextBlock"):
        content.block_type(blocks.StructBlock([("text", blocks.RichTextBlock())]))


# --- Visibility -------------------------------------------------------------------------------


@pytest.fixture
def hidden_pages():
    """A draft page, a password-protected page with a child, and a live page with unpublished changes."""
    home = home_of("ja")
    draft = home.add_child(instance=HomePage(title="下書き", slug="draft-only", lead="x", body="[]", live=False))
    draft.save_revision()
    private = home.add_child(instance=HomePage(title="非公開", slug="private", lead="x", body="[]"))
    private.save_revision().publish()
    private_child = private.add_child(instance=HomePage(title="非公開の子", slug="child", lead="x", body="[]"))
    private_child.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    fees = FeesPage.objects.get(locale__language_code="ja")
    fees.title = "未公開の新しい題"
    fees.save_revision()
    return [draft, private, private_child]


def test_drafts_and_private_pages_are_never_visible(client, hidden_pages, admin_user):
    for logged_in in (False, True):
        if logged_in:
            client.force_login(admin_user)  # a staff session must not change what the public API shows
        ids = {item["id"] for item in all_items(client)}
        for page in hidden_pages:
            assert page.pk not in ids
            get_json(client, f"{API}{page.pk}/", status=404)
        fees = FeesPage.objects.get(locale__language_code="ja")
        assert detail(client, fees)["title"] == "ご利用期間・料金"


# --- Errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "locale=xx",
        "locale=ja_JP",
        "limit=abc",
        "limit=0",
        "limit=101",
        "type=services.Nope",
        "type=wagtailcore.Page",
        "offset=99999999999999999999999",
        "offset=-1",
        "parent=abc",
        "parent=99999999999999999999",
        "translation_key=not-a-uuid",
        "locle=en",
    ],
)
def test_bad_parameters_are_a_400_with_a_json_body(client, query):
    response = client.get(f"{API}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["detail"]


@pytest.mark.parametrize(
    "path",
    [f"{API}999999/", f"{API}99999999999999999999/", f"{API}0/", "/api/v3/nothing/", "/api/v3/pages", "/api/v3/docs/"],
)
def test_unknown_pages_and_paths_are_a_json_404_not_a_redirect(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/problem+json"


def test_no_write_endpoints(client, admin_user):
    fees = FeesPage.objects.get(locale__language_code="ja")
    before = (Page.objects.count(), fees.latest_revision_id, fees.title)
    urls = [API, f"{API}{fees.pk}/", f"{API}{fees.pk}/actions/publish/"]
    for logged_in in (False, True):
        if logged_in:
            client.force_login(admin_user)
        for url in urls:
            for method in ("post", "put", "patch", "delete"):
                response = getattr(client, method)(url, data={"title": "x"}, content_type="application/json")
                assert response.status_code in (404, 405), (method, url, response.status_code)
    fees.refresh_from_db()
    assert (Page.objects.count(), fees.latest_revision_id, fees.title) == before
    schema = get_json(client, "/api/v3/openapi.json")
    assert {method for item in schema["paths"].values() for method in item} == {"get"}


# --- HTTP caching -----------------------------------------------------------------------------


def test_etag_and_last_modified_give_304(client):
    url = f"{API}{FeesPage.objects.get(locale__language_code='ja').pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    etag, last_modified = response["ETag"], response["Last-Modified"]

    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200
    head = client.head(url)
    assert head.status_code == 200 and head["ETag"] == etag and head.content == b""

    listing = client.get(API, {"locale": "ja"})
    assert client.get(API, {"locale": "ja"}, HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304


def test_publishing_changes_the_etag_and_last_modified(client):
    fees = FeesPage.objects.get(locale__language_code="ja")
    url = f"{API}{fees.pk}/"
    before = client.get(url)
    fees.title = "ご利用期間と料金"
    fees.save_revision().publish()
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after.json()["title"] == "ご利用期間と料金"
    assert after["ETag"] != before["ETag"]
    # Unpublishing another page changes the list, so the list must not be "not modified" either.
    listing = client.get(API, {"limit": 100})
    fees.unpublish()
    after_unpublish = client.get(API, {"limit": 100}, HTTP_IF_NONE_MATCH=listing["ETag"])
    assert after_unpublish.status_code == 200 and after_unpublish.json()["count"] == listing.json()["count"] - 1


# --- CORS -------------------------------------------------------------------------------------


@override_settings(CORS_ALLOWED_ORIGINS=["https://kiosk.example.jp"])
def test_cors_only_for_configured_origins(client):
    allowed = client.get(API, HTTP_ORIGIN="https://kiosk.example.jp")
    assert allowed["Access-Control-Allow-Origin"] == "https://kiosk.example.jp"
    assert "etag" in allowed["Access-Control-Expose-Headers"].lower()
    other = client.get(API, HTTP_ORIGIN="https://evil.example.com")
    assert other.status_code == 200 and "Access-Control-Allow-Origin" not in other
    preflight = client.options(
        API,
        HTTP_ORIGIN="https://kiosk.example.jp",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://kiosk.example.jp"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    # The website itself never gets CORS headers.
    assert "Access-Control-Allow-Origin" not in client.get("/ja/", HTTP_ORIGIN="https://kiosk.example.jp")


def test_no_cors_without_configured_origins(client):
    with override_settings(CORS_ALLOWED_ORIGINS=[]):
        assert "Access-Control-Allow-Origin" not in client.get(API, HTTP_ORIGIN="https://kiosk.example.jp")


# --- Cost ---------------------------------------------------------------------------------------


def test_queries_are_bounded(client, django_assert_max_num_queries):
    faq = FAQPage.objects.get(locale__language_code="ja")
    with django_assert_max_num_queries(25):
        detail(client, faq)
    with django_assert_max_num_queries(15):
        get_json(client, API, limit=100)


def test_locales_in_the_schema_match_the_site():
    assert set(LOCALES) == set(Locale.objects.values_list("language_code", flat=True))


# --- Preview for headless clients ---------------------------------------------------------------


def test_staff_get_a_signed_preview_url_for_a_draft_revision(client, admin_user, django_user_model):
    from django.test import Client

    fees = FeesPage.objects.get(locale__language_code="ja")
    fees.title = "料金(下書き)"
    revision = fees.save_revision()
    url = f"{API}{fees.pk}/preview-url/"

    assert client.get(url).status_code == 401
    visitor = django_user_model.objects.create_user("visitor", password="x")  # no admin access
    client.force_login(visitor)
    assert client.get(url).status_code == 403

    client.force_login(admin_user)
    link = get_json(client, url)
    assert link["revision_id"] == revision.pk

    anonymous = Client()
    preview = anonymous.get(link["url"])
    assert preview.status_code == 200 and preview["Cache-Control"] == "private, no-store"
    assert preview.json()["title"] == "料金(下書き)"
    assert detail(anonymous, fees)["title"] == "ご利用期間・料金"  # the public API still shows the live page

    tampered = link["url"].rstrip("/") + "x/"
    assert anonymous.get(tampered).status_code == 403


def test_preview_urls_expire(client, admin_user, monkeypatch):
    from cms.api import preview

    client.force_login(admin_user)
    fees = FeesPage.objects.get(locale__language_code="ja")
    link = get_json(client, f"{API}{fees.pk}/preview-url/")
    monkeypatch.setattr(preview, "PREVIEW_MAX_AGE", -1)
    response = client.get(link["url"])
    assert response.status_code == 403 and "expired" in response.json()["detail"]


def test_cors_origins_come_from_the_environment():
    import os
    import subprocess
    import sys

    code = "from cms.settings import base as b; print(b.API_CORS_ORIGINS == b.CORS_ALLOWED_ORIGINS, b.API_CORS_ORIGINS)"

    def origins(value):
        env = {key: val for key, val in os.environ.items() if key != "API_CORS_ORIGINS"}
        if value is not None:
            env["API_CORS_ORIGINS"] = value
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout

    assert origins(None).strip() == "True []"
    configured = origins(" https://kiosk.example.jp, https://partner.example.org ,")
    assert configured.strip() == "True ['https://kiosk.example.jp', 'https://partner.example.org']"
