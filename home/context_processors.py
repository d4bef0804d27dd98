from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Locale

from core.models import Office
from language.locales import active_locale

from .models import HomePage

# {language: (site version, parts)}: what every page of a language shows, kept per process while
# `request.site_version` is unchanged. The page cache (pagecache) sets that version from the stamps
# that every change to menus, footer links or office details renews; without it, nothing is kept.
_kept = {}


def site_context(request):
    """Office details, the main menu and the footer links for the visitor's language, on every page."""
    language = get_language()
    version = getattr(request, "site_version", None)
    kept = _kept.get(language)
    if version is not None and kept is not None and kept[0] == version:
        parts = kept[1]
    else:
        parts = _site_parts(active_locale(request) or Locale.get_default())
        if version is not None:
            _kept[language] = (version, parts)
    return {
        **parts,
        # Only a visitor with a session can be signed-in staff: for anyone else, asking would read
        # the session and make the page vary by cookie (no shared cache could keep it).
        "has_session": settings.SESSION_COOKIE_NAME in request.COOKIES,
    }


def _site_parts(locale):
    home = HomePage.objects.filter(locale=locale, depth=2).live().first()
    children = list(home.get_children().live().public()) if home else []
    return {
        "office": Office.for_locale(locale),
        "home_page": home,
        "menu_pages": [page for page in children if page.show_in_menus],
        "footer_pages": [page for page in children if not page.show_in_menus],
    }
