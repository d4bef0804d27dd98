"""Found and understood: sitemap, robots.txt, icons, meta description, canonical, share cards, JSON-LD."""

import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, Page, PageViewRestriction, Site

from core.models import Office
from language.locales import LOCALES, SOURCE
from services.models import FAQPage

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def live_public_pages():
    return [p for p in Page.objects.live().public().filter(depth__gt=1).specific() if p.url is not None]


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("sm:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)}
        lastmod = url.find("sm:lastmod", NS)
        entries[url.find("sm:loc", NS).text] = {"lastmod": lastmod.text if lastmod is not None else None, **alternates}
    return entries, response


# --- Sitemap -----------------------------------------------------------------------------------------


def test_sitemap_lists_every_live_public_page_in_every_locale_with_alternates(client):
    entries, _response = sitemap(client)
    pages = live_public_pages()
    assert set(entries) == {page.get_full_url() for page in pages}
    assert {page.locale.language_code for page in pages} == set(LOCALES)
    for page in pages:
        entry = entries[page.get_full_url()]
        assert entry["lastmod"] == page.last_published_at.date().isoformat()
        versions = {p.locale.language_code: p.get_full_url() for p in page.get_translations(inclusive=True).live()}
        alternates = {code: url for code, url in entry.items() if code != "lastmod"}
        if len(versions) > 1:
            assert alternates == {**versions, "x-default": versions[SOURCE]}, page.url
        # every alternate is itself in the sitemap
        assert set(alternates.values()) <= set(entries)


def test_sitemap_urls_come_from_the_site_record(client):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.example.jp", 443
    site.save()
    entries, _response = sitemap(client)
    assert all(url.startswith("https://www.example.jp/") for url in entries)


def test_sitemap_leaves_out_private_and_draft_pages_and_follows_publishing(client):
    fees = Page.objects.get(slug="fees", locale__language_code="en")
    case_index = Page.objects.get(slug="case-studies", locale__language_code="ja")
    case_a = Page.objects.get(slug="case-a", locale__language_code="ja")
    before, _response = sitemap(client)
    assert fees.get_full_url() in before and case_a.get_full_url() in before
    again = client.get("/sitemap.xml")
    assert again["X-Page-Cache"] == "hit"  # cached like a page …
    PageViewRestriction.objects.create(page=case_index, restriction_type="password", password="x")
    fees.specific.unpublish()
    after, response = sitemap(client)  # … and purged by the restriction and the unpublish
    assert response["X-Page-Cache"] == "miss"
    assert fees.get_full_url() not in after
    assert case_index.get_full_url() not in after and case_a.get_full_url() not in after
    ja_fees = Page.objects.get(slug="fees", locale__language_code="ja")
    assert fees.get_full_url() not in after[ja_fees.get_full_url()].values()


def test_robots_txt_names_the_sitemap_and_keeps_admin_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    root = Site.objects.get(is_default_site=True).root_url
    assert f"Sitemap: {root}/sitemap.xml" in lines
    assert client.get("/robots.txt")["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    ("path", "content_type", "magic"),
    [("/favicon.ico", "image/x-icon", b"\x00\x00\x01\x00"), ("/apple-touch-icon.png", "image/png", b"\x89PNG")],
)
def test_icons_at_the_conventional_paths(client, path, content_type, magic):
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert b"".join(response.streaming_content).startswith(magic)


# --- Page metadata -----------------------------------------------------------------------------------


def head_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return BeautifulSoup(response.content, "html.parser")


def meta(soup, **attrs):
    found = soup.find("meta", attrs=attrs)
    return found["content"] if found else None


@pytest.mark.parametrize("code", LOCALES)
def test_every_page_has_description_canonical_and_share_card(client, code):
    pages = [p for p in live_public_pages() if p.locale.language_code == code]
    assert len(pages) == 14
    descriptions = set()
    for page in pages:
        soup = head_of(client, page)
        assert page.search_description, f"{page.url}: no search_description seeded"
        assert meta(soup, name="description") == page.search_description
        descriptions.add(page.search_description)
        canonical = soup.find_all("link", rel="canonical")
        assert [link["href"] for link in canonical] == [page.get_full_url()]
        assert meta(soup, property="og:url") == page.get_full_url()
        assert meta(soup, property="og:title") == (page.seo_title or page.title)
        assert meta(soup, property="og:description") == page.search_description
        assert meta(soup, property="og:locale") == {"ja": "ja_JP", "ja-x-easy": "ja_JP", "en": "en_US"}[code]
        assert meta(soup, property="og:image").startswith("http")
        assert meta(soup, name="twitter:card") == "summary"
        alternates = {m["content"] for m in soup.find_all("meta", property="og:locale:alternate")}
        assert alternates == ({"en_US"} if code != "en" else {"ja_JP"})
    assert len(descriptions) == len(pages)  # each page describes itself


def test_descriptions_are_translated():
    by_key = {}
    for page in live_public_pages():
        by_key.setdefault(page.translation_key, {})[page.locale.language_code] = page.search_description
    for versions in by_key.values():
        assert len(set(versions.values())) == len(versions), versions  # ja, easy and en differ
        assert all(ord(ch) < 0x3000 for ch in versions["en"].replace("就労移行支援", ""))


def test_query_strings_share_the_pages_canonical(client):
    fees = Page.objects.get(slug="fees", locale__language_code="ja")
    soup = BeautifulSoup(client.get(fees.url, {"welfare": "yes"}).content, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == fees.get_full_url()


# --- JSON-LD against the schema.org vocabulary --------------------------------------------------------

# The part of schema.org (https://schema.org/version/latest) that the site uses: each type's parents,
# and the types each property is defined on (its domain). A property on a type outside its domain,
# or an unknown type, is an error, as in the Schema Markup Validator.
TYPES = {
    "Thing": [],
    "Organization": ["Thing"],
    "Place": ["Thing"],
    "LocalBusiness": ["Organization", "Place"],
    "EmploymentAgency": ["LocalBusiness"],
    "CreativeWork": ["Thing"],
    "WebPage": ["CreativeWork"],
    "FAQPage": ["WebPage"],
    "Comment": ["CreativeWork"],
    "Answer": ["Comment"],
    "Question": ["Comment"],
    "Intangible": ["Thing"],
    "ItemList": ["Intangible"],
    "BreadcrumbList": ["ItemList"],
    "ListItem": ["Intangible"],
    "StructuredValue": ["Intangible"],
    "OpeningHoursSpecification": ["StructuredValue"],
    "AdministrativeArea": ["Place"],
}
DOMAINS = {
    "name": ["Thing"],
    "url": ["Thing"],
    "telephone": ["Organization", "Place"],
    "logo": ["Organization", "Place"],
    "openingHoursSpecification": ["Place"],
    "areaServed": ["Organization"],
    "mainEntity": ["CreativeWork"],
    "inLanguage": ["CreativeWork"],
    "acceptedAnswer": ["Question"],
    "text": ["CreativeWork"],
    "itemListElement": ["ItemList"],
    "position": ["ListItem", "CreativeWork"],
    "item": ["ListItem"],
    "dayOfWeek": ["OpeningHoursSpecification"],
    "opens": ["OpeningHoursSpecification"],
    "closes": ["OpeningHoursSpecification"],
}
# What each type must carry here: Google's required properties for FAQ and breadcrumb rich results,
# and the for the office.
REQUIRED = {
    "EmploymentAgency": {"name", "telephone", "openingHoursSpecification", "areaServed", "url"},
    "FAQPage": {"mainEntity"},
    "Question": {"name", "acceptedAnswer"},
    "Answer": {"text"},
    "BreadcrumbList": {"itemListElement"},
    "ListItem": {"position", "name", "item"},
    "OpeningHoursSpecification": {"dayOfWeek", "opens", "closes"},
    "AdministrativeArea": {"name"},
}


def ancestors(type_name):
    seen, todo = set(), [type_name]
    while todo:
        current = todo.pop()
        seen.add(current)
        todo.extend(TYPES[current])
    return seen


def validate(node, path="$"):
    """Errors of one JSON-LD node and everything in it."""
    errors = []
    type_name = node.get("@type")
    if type_name not in TYPES:
        return [f"{path}: unknown type {type_name!r}"]
    lineage = ancestors(type_name)
    for prop, value in node.items():
        if prop.startswith("@"):
            continue
        if prop not in DOMAINS or not lineage & set(DOMAINS[prop]):
            errors.append(f"{path}.{prop}: not a property of {type_name}")
        for n, child in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(child, dict):
                errors += validate(child, f"{path}.{prop}[{n}]")
            elif child in ("", None):
                errors.append(f"{path}.{prop}: empty")
    missing = REQUIRED.get(type_name, set()) - set(node)
    if missing:
        errors.append(f"{path}: {type_name} lacks {sorted(missing)}")
    return errors


def graph_of(soup):
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def test_validator_finds_errors():
    assert validate({"@type": "Question", "name": "q"})  # no acceptedAnswer
    assert validate({"@type": "BreadcrumbList", "itemListElement": [], "telephone": "1"})  # wrong domain
    assert validate({"@type": "Organisation", "name": "x"})  # unknown type


@pytest.mark.parametrize("code", LOCALES)
def test_json_ld_on_every_page_is_valid_schema_org(client, code):
    office = Office.objects.get(locale=Locale.objects.get(language_code=code))
    for page in [p for p in live_public_pages() if p.locale.language_code == code]:
        nodes = graph_of(head_of(client, page))
        for node in nodes.values():
            assert validate(node) == [], page.url
        agency = nodes["EmploymentAgency"]
        assert agency["name"] == office.name
        assert agency["telephone"] == "+81-48-812-8677"
        assert agency["areaServed"]["name"] == office.area_served
        hours = agency["openingHoursSpecification"][0]
        assert (hours["opens"], hours["closes"]) == ("10:00", "17:00") and len(hours["dayOfWeek"]) == 5
        trail = [*page.get_ancestors().filter(depth__gt=1), page]
        crumbs = nodes["BreadcrumbList"]["itemListElement"]
        assert [c["name"] for c in crumbs] == [p.title for p in trail]
        assert [c["position"] for c in crumbs] == list(range(1, len(trail) + 1))
        assert crumbs[-1]["item"] == page.get_full_url()


@pytest.mark.parametrize("code", LOCALES)
def test_faq_page_has_every_question(client, code):
    page = FAQPage.objects.live().get(locale=Locale.objects.get(language_code=code))
    faq = graph_of(head_of(client, page))["FAQPage"]
    questions = faq["mainEntity"]
    assert len(questions) == 28
    assert [q["name"] for q in questions] == [item.value["question"] for item in page.faq_items()]
    assert [q["acceptedAnswer"]["text"] for q in questions] == [item.value["answer"] for item in page.faq_items()]
    assert faq["inLanguage"] == code


def test_json_ld_cannot_be_closed_by_content():
    from cms.seo import json_ld

    text = json_ld({"name": "</script><script>alert(1)</script>&"})
    assert "</script" not in text and "<" not in text and json.loads(text)["name"].startswith("</script>")
