"""Nothing private is searchable: a page with a view restriction (password, login, groups), and
every page below it, leaves every search result when the restriction is saved and comes back when
it is removed; answers are checked against the public pages again, so a stale row never leaks."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction

from editorial import roles
from search import visibility
from search.backends import elasticsearch as es
from search.backends import run
from search.models import SearchEntry
from services.models import FAQPage

pytestmark = pytest.mark.django_db

# A query per locale whose answer is the FAQ entry on the cost.
COST = {"ja": "費用 かかる", "ja-x-easy": "おかね かかる", "en": "how much does it cost"}
# The case studies: an index page whose children are case A and case B (統合失調症 is case B's).
CASE_B = {"ja": "統合失調症", "ja-x-easy": "とうごうしっちょうしょう", "en": "schizophrenia"}


@pytest.fixture
def publisher(django_user_model):
    roles.ensure_roles()
    user = django_user_model.objects.create_user(username="publisher", password="pw-publisher")
    user.groups.add(Group.objects.get(name=roles.PUBLISHERS))
    return user


@pytest.fixture
def admin_as_publisher(client, publisher):
    client.force_login(publisher)
    return client


def page_in(code, slug):
    return Page.objects.get(locale__language_code=code, slug=slug)


def set_privacy(client, page, restriction_type, **fields):
    """What a publisher does in the admin: the page's Privacy dialog, posted."""
    url = reverse("wagtailadmin_pages:set_privacy", args=[page.pk])
    response = client.post(url, {"restriction_type": restriction_type, **fields})
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done"


def api_urls(client, code, query):
    response = client.get("/api/search/", {"q": query, "locale": code, "limit": 50})
    assert response.status_code == 200
    return [result["url"] for result in response.json()["results"]]


def html_of_search(client, code, query):
    response = client.get(f"/{code}/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def under(urls, page):
    return [url for url in urls if url.startswith(page.url)]


@pytest.mark.parametrize("code", ["ja", "ja-x-easy", "en"])
@pytest.mark.parametrize(
    ("restriction_type", "fields"),
    [("password", {"password": "himitsu-123"}), ("login", {}), ("groups", {"groups": "group"})],
)
def test_a_restriction_set_in_the_admin_hides_the_page_in_each_locale(
    admin_as_publisher, client, code, restriction_type, fields
):
    faq = page_in(code, "faq")
    if fields.get("groups"):
        fields = {"groups": [Group.objects.get(name=roles.EDITORS).pk]}
    visitor = client.__class__()
    assert under(api_urls(visitor, code, COST[code]), faq), "the FAQ answer is found while the page is public"
    assert f'href="{faq.url}#faq-cost"' in html_of_search(visitor, code, COST[code])

    set_privacy(admin_as_publisher, faq, restriction_type, **fields)
    assert PageViewRestriction.objects.filter(page=faq, restriction_type=restriction_type).exists()
    assert not SearchEntry.objects.filter(page=faq).exists()
    assert under(api_urls(visitor, code, COST[code]), faq) == []
    assert f'href="{faq.url}#' not in html_of_search(visitor, code, COST[code])
    # Logged in makes no difference: search shows what everyone may see.
    assert under(api_urls(admin_as_publisher, code, COST[code]), faq) == []

    # The other locales' FAQ pages are their own pages, with their own (no) restriction.
    for other in {"ja", "ja-x-easy", "en"} - {code}:
        assert under(api_urls(visitor, other, COST[other]), page_in(other, "faq"))

    set_privacy(admin_as_publisher, faq, "none")
    assert not PageViewRestriction.objects.filter(page=faq).exists()
    assert under(api_urls(visitor, code, COST[code]), faq)
    assert f'href="{faq.url}#faq-cost"' in html_of_search(visitor, code, COST[code])


@pytest.mark.parametrize("code", ["ja", "ja-x-easy", "en"])
def test_a_restriction_on_a_parent_hides_its_children(admin_as_publisher, client, code):
    index, case_b = page_in(code, "case-studies"), page_in(code, "case-b")
    visitor = client.__class__()
    key = str(case_b.translation_key)
    assert key in [r["id"] for r in visitor.get("/api/search/", {"q": CASE_B[code], "locale": code}).json()["results"]]

    set_privacy(admin_as_publisher, index, "login")
    assert not SearchEntry.objects.filter(page__in=[index, case_b]).exists()
    results = visitor.get("/api/search/", {"q": CASE_B[code], "locale": code, "limit": 50}).json()["results"]
    assert key not in [r["id"] for r in results] and not under([r["url"] for r in results], index)
    assert case_b.url not in html_of_search(visitor, code, CASE_B[code])

    set_privacy(admin_as_publisher, index, "none")
    assert SearchEntry.objects.filter(page=case_b).exists()
    assert key in [r["id"] for r in visitor.get("/api/search/", {"q": CASE_B[code], "locale": code}).json()["results"]]


def test_the_easy_entries_stop_borrowing_the_terms_of_a_private_japanese_page(admin_as_publisher):
    easy_row = SearchEntry.objects.get(locale__language_code="ja-x-easy", kind="faq", key="faq-cost")
    assert "費用" in easy_row.alt_terms.split()
    set_privacy(admin_as_publisher, page_in("ja", "faq"), "password", password="himitsu-123")
    easy_row.refresh_from_db()
    assert easy_row.alt_terms == ""  # the private page's words no longer help to find anything


def test_a_stale_row_of_a_private_page_never_leaks(client):
    """A restriction that reached the database without any signal (a bulk insert, a raw SQL
    fix, a failed reindex): the rows are still there, the answers are not."""
    faq = page_in("ja", "faq")
    assert under(api_urls(client, "ja", COST["ja"]), faq)
    assert f'href="{faq.url}#faq-cost"' in html_of_search(client, "ja", "パスポート 申請")  # a suggestion
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=faq, restriction_type="login")])
    assert SearchEntry.objects.filter(page=faq).exists()  # stale
    caches["pages"].clear()  # nor did anything purge the page cache (the HTML search page was cached)
    assert under(api_urls(client, "ja", COST["ja"]), faq) == []
    # Result links carry the answer's anchor (the menu may still link the page: nothing purged it).
    assert f'href="{faq.url}#' not in html_of_search(client, "ja", COST["ja"])
    # The no-match suggestions are index rows too.
    assert f'href="{faq.url}#' not in html_of_search(client, "ja", "パスポート 申請")
    result = run(COST["ja"], "ja")
    assert result.hits and all(hit.entry.page_id != faq.pk for hit in result.hits)


def test_a_stale_row_of_an_unpublished_page_never_leaks(client):
    faq = page_in("ja", "faq")
    assert under(api_urls(client, "ja", COST["ja"]), faq)
    Page.objects.filter(pk=faq.pk).update(live=False)  # no signal: the rows stay
    assert under(api_urls(client, "ja", COST["ja"]), faq) == []


def test_deleting_a_restricted_page_deletes_its_rows_without_reindexing_it(publisher):
    faq = page_in("en", "faq")
    PageViewRestriction.objects.create(page=faq, restriction_type="login")
    faq.delete()
    assert not SearchEntry.objects.filter(page_id=faq.pk).exists()
    assert not FAQPage.objects.filter(pk=faq.pk).exists()


def test_rebuild_leaves_private_pages_out():
    from search import index

    index_page = page_in("ja", "case-studies")
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=index_page, restriction_type="login")])
    index.rebuild(backend=False)
    hidden = {index_page.pk, *index_page.get_descendants().values_list("pk", flat=True)}
    assert len(hidden) >= 3
    assert not SearchEntry.objects.filter(page_id__in=hidden).exists()
    assert SearchEntry.objects.filter(page__locale__language_code="en", page__slug="case-b").exists()


def test_elasticsearch_documents_carry_the_tree_path_and_queries_leave_private_paths_out():
    faq = page_in("ja", "faq")
    row = SearchEntry.objects.select_related("locale", "page").filter(page=faq).first()
    assert es.document(row)["path"] == faq.path
    assert es.mappings(False)["properties"]["path"] == {"type": "keyword"}

    _groups, body = es.search_request(COST["ja"], "ja", 5)
    assert "must_not" not in body["query"]["bool"]  # nothing is private on the seeded site
    assert "page_id" in body["_source"]  # each hit is checked against the public pages

    index_page = page_in("en", "case-studies")
    PageViewRestriction.objects.create(page=faq, restriction_type="login")
    PageViewRestriction.objects.create(page=index_page, restriction_type="password", password="x")
    _groups, body = es.search_request(COST["ja"], "ja", 5)
    assert body["query"]["bool"]["must_not"] == [
        {"prefix": {"path": path}} for path in sorted([faq.path, index_page.path])
    ]
    assert visibility.restricted_paths() == sorted([faq.path, index_page.path])


def test_elasticsearch_hits_on_private_pages_are_dropped_when_answering():
    """The Elasticsearch backend's hits go through the same check as the database's (search.backends.run)."""
    from search.results import Entry, Hit

    faq, fees = page_in("ja", "faq"), page_in("ja", "fees")
    hits = [
        Hit(Entry("faq", "faq-cost", "t", faq.url, "x", faq.pk), 2.0),
        Hit(Entry("page", "k", "t", fees.url, "x", fees.pk), 1.0),
    ]
    assert visibility.visible_hits(hits) == hits
    PageViewRestriction.objects.create(page=faq, restriction_type="login")
    assert visibility.visible_hits(hits) == hits[1:]
    # A document without a page id (an index made before page_id was returned) is never shown.
    assert visibility.visible_hits([Hit(Entry("faq", "faq-cost", "t", faq.url, "x"), 2.0)]) == []


def test_the_page_cache_is_purged_when_a_restriction_is_set_in_the_admin(admin_as_publisher, client):
    """The search page is cached for visitors: a privacy change purges it with the page."""
    visitor = client.__class__()
    faq = page_in("ja", "faq")
    assert f'href="{faq.url}#faq-cost"' in html_of_search(visitor, "ja", COST["ja"])
    assert f'href="{faq.url}#faq-cost"' in html_of_search(visitor, "ja", COST["ja"])  # now from the cache
    assert visitor.get(faq.url).status_code == 200
    set_privacy(admin_as_publisher, faq, "password", password="himitsu-123")
    assert f'href="{faq.url}#' not in html_of_search(visitor, "ja", COST["ja"])
    assert "himitsu" not in visitor.get(faq.url).content.decode()
    assert visitor.get(faq.url).status_code == 200  # the password form, not the cached page
    assert "faq-cost" not in visitor.get(faq.url).content.decode()


def test_each_locale_keeps_its_own_restrictions():
    """The decision (search.visibility): a restriction on the Japanese page does not close its
    translations, which the site serves with their own restrictions; search follows the site."""
    faq = page_in("ja", "faq")
    PageViewRestriction.objects.create(page=faq, restriction_type="login")
    public = visibility.public_page_ids(
        Page.objects.filter(translation_key=faq.translation_key).values_list("pk", flat=True)
    )
    assert public == set(
        Page.objects.filter(translation_key=faq.translation_key)
        .exclude(locale=Locale.get_default())
        .values_list("pk", flat=True)
    )


def test_a_translation_synced_from_a_private_source_leaves_search_too():
    """wagtail-localize copies the source page's restriction to a translation when the translation
    is next saved (synced); that restriction, like any other, takes the translation out of search."""
    from wagtail_localize.models import Translation, TranslationSource

    faq, en_faq = page_in("ja", "faq"), page_in("en", "faq")
    PageViewRestriction.objects.create(page=faq, restriction_type="login")
    assert SearchEntry.objects.filter(page=en_faq).exists()  # until the translation is synced
    source = TranslationSource.objects.get_for_instance(faq)
    Translation.objects.get(source=source, target_locale=en_faq.locale).save_target(publish=False)
    assert PageViewRestriction.objects.filter(page=en_faq, restriction_type="login").exists()
    assert not SearchEntry.objects.filter(page=en_faq).exists()
