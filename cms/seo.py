"""What search engines and share cards read: canonical and alternate URLs, OpenGraph, JSON-LD.

Every absolute URL starts from the Wagtail Site's root URL (`Site.root_url`, as `page.get_full_url`
does), never from the request's Host header, so that a page, its canonical link, its hreflang
links and the sitemap all name the same host whatever the visitor typed.

JSON-LD (schema.org), one @graph per page: the office as an EmploymentAgency (an Organization and a
LocalBusiness, so it may have opening hours) with name, telephone, opening hours and area served;
a BreadcrumbList on every page; an FAQPage with every question on the FAQ page.
"""

import json

from django.templatetags.static import static
from django.utils.translation import get_language
from wagtail.models import Site

from core.models import OPENING_DAY_NAMES
from language.locales import EASY, SOURCE, alternates

# OpenGraph wants language_TERRITORY: both Japanese locales are Japanese for a share card.
OG_LOCALES = {SOURCE: "ja_JP", EASY: "ja_JP", "en": "en_US"}
SHARE_IMAGE = "brand/icon-512.png"


def root_url(request):
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def absolute(request, path):
    return path if path.startswith(("http://", "https://")) else root_url(request) + path


def page_url(page, request):
    return page.get_full_url(request)


def alternate_links(request, page=None):
    """[(hreflang, absolute URL)] for each language version, and x-default (the Japanese source)."""
    links = []
    for language in alternates(request, page):
        url = absolute(request, language["url"])
        links.append((language["code"], url))
        if language["code"] == SOURCE:
            links.append(("x-default", url))
    return links


def head(request, page=None, office=None, description=""):
    """Everything base.html's <head> needs for search engines and share cards."""
    language = get_language()
    if page is not None and getattr(page, "pk", None):
        canonical = page_url(page, request)
    else:
        canonical = absolute(request, request.path) if request is not None else ""
    links = alternate_links(request, page)
    codes = [code for code, _url in links if code != "x-default"]
    current = OG_LOCALES.get(language, "ja_JP")
    og_alternates = sorted({OG_LOCALES[code] for code in codes if code in OG_LOCALES} - {current})
    return {
        "canonical": canonical,
        "alternates": links,
        "description": description,
        "og_locale": current,
        "og_locale_alternates": og_alternates,
        "image": absolute(request, static(SHARE_IMAGE)),
        "json_ld": json_ld(graph(request, page, office)),
    }


def organization(request, office):
    root = root_url(request)
    data = {
        "@type": "EmploymentAgency",
        "@id": f"{root}/#organization",
        "name": office.name,
        "url": f"{root}/{get_language()}/",
        "telephone": "+81-" + office.phone.lstrip("0"),
        "logo": absolute(request, static(SHARE_IMAGE)),
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [f"https://schema.org/{day}" for day in OPENING_DAY_NAMES[office.opening_days]],
                "opens": office.hours_start.strftime("%H:%M"),
                "closes": office.hours_end.strftime("%H:%M"),
            }
        ],
    }
    if office.area_served:
        data["areaServed"] = {"@type": "AdministrativeArea", "name": office.area_served}
    return data


def breadcrumbs(request, page):
    """The page's path from its locale's home page, as a schema.org BreadcrumbList."""
    trail = [*page.get_ancestors().filter(depth__gt=1).specific(defer=True), page]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": crumb.title, "item": page_url(crumb, request)}
            for n, crumb in enumerate(trail, 1)
        ],
    }


def faq(request, page):
    return {
        "@type": "FAQPage",
        "@id": page_url(page, request) + "#faq",
        "url": page_url(page, request),
        "name": page.title,
        "inLanguage": get_language(),
        "mainEntity": [
            {
                "@type": "Question",
                "@id": f"{page_url(page, request)}#{item.id}",
                "name": item.value["question"],
                "acceptedAnswer": {"@type": "Answer", "text": item.value["answer"]},
            }
            for item in page.faq_items()
        ],
    }


def graph(request, page, office):
    nodes = []
    if office is not None:
        nodes.append(organization(request, office))
    if page is not None and getattr(page, "pk", None):
        nodes.append(breadcrumbs(request, page))
        if callable(getattr(page, "faq_items", None)):
            nodes.append(faq(request, page))
    return {"@context": "https://schema.org", "@graph": nodes}


def json_ld(data):
    """JSON for a <script type="application/ld+json"> data block: `<`, `>` and `&` escaped, so no
    text can close the element. A data block is never run, so the CSP's script-src does not apply."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
