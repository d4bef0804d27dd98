from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from language import views as language_views
from search import urls as search_urls

from . import sitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Headless API (read-only, OpenAPI at /api/v3/openapi.json); outside i18n_patterns: no language prefix.
    path("api/v3/", include("cms.api")),
    # Site search as JSON (search/api.py); see "Search API" in README.md.
    *search_urls.api_urlpatterns,
    # For search engines (cms/sitemap.py): every page in every language, and where to find them.
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
    path("robots.txt", sitemap.robots_txt, name="robots_txt"),
    path("favicon.ico", sitemap.root_icon, {"name": "favicon.ico"}),
    path("apple-touch-icon.png", sitemap.root_icon, {"name": "apple-touch-icon.png"}),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every language has its prefix (/ja/, /ja-x-easy/, /en/); LocaleMiddleware sends `/`
# to the visitor's language from Accept-Language.
urlpatterns += i18n_patterns(
    path("furigana/", language_views.furigana, name="furigana"),
    path("", include(search_urls)),
    path("", include("booking.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
