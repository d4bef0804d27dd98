"""/sitemap.xml, /robots.txt and the icons that browsers and crawlers ask for at the site's root.

The sitemap is Wagtail's (wagtail.contrib.sitemaps) over every locale's tree, not only the Site's
root page: each live, public page in every language, with its last publication as lastmod and an
`xhtml:link rel="alternate"` for each of its live translations plus x-default (the Japanese
source). `.public()` leaves out pages under a view restriction and everything below them; drafts
and untranslated copies are not live. The page cache keeps the sitemap and robots.txt like a page,
and every page event purges the sitemap (pagecache.purge.listing_paths).
"""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from language.locales import SOURCE
from pagecache.purge import SITEMAP_PATH

from . import seo

# Icons at the paths browsers and crawlers try without reading the page (static/brand/, issue 14).
ROOT_ICONS = {
    "favicon.ico": ("favicon.ico", "image/x-icon"),
    "apple-touch-icon.png": ("apple-touch-icon.png", "image/png"),
}
ICON_DIR = settings.BASE_DIR / "static" / "brand"


class LocalizedSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().select_related("locale").specific()

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        # Translations are in the sitemap too: group them by translation key (no query per page).
        everything = list(self.items()) if self.paginator.num_pages > 1 else items
        versions = {}
        for item in everything:
            versions.setdefault(item.translation_key, {})[item.locale.language_code] = item.get_full_url(self.request)
        urls = []
        for item in items:
            translations = versions[item.translation_key]
            alternates = [{"lang_code": code, "location": url} for code, url in sorted(translations.items())]
            if SOURCE in translations:
                alternates.append({"lang_code": "x-default", "location": translations[SOURCE]})
            urls.append(
                {
                    "item": item,
                    "location": translations[item.locale.language_code],
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates if len(translations) > 1 else [],
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": LocalizedSitemap})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "",
        f"Sitemap: {seo.root_url(request)}{SITEMAP_PATH}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def root_icon(request, name):
    if name not in ROOT_ICONS:
        raise Http404
    filename, content_type = ROOT_ICONS[name]
    response = FileResponse((ICON_DIR / filename).open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response
