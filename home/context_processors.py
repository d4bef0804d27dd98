from django.conf import settings
from wagtail.models import Locale

from core.models import Office
from language.locales import active_locale

from .models import HomePage


def site_context(request):
    """Office details and the main menu for the visitor's language, on every page."""
    locale = active_locale(request) or Locale.get_default()
    home = HomePage.objects.filter(locale=locale, depth=2).live().first()
    menu = list(home.get_children().live().public().in_menu()) if home else []
    return {
        "office": Office.for_locale(locale),
        "home_page": home,
        "menu_pages": menu,
        # Only a visitor with a session can be signed-in staff: for anyone else, asking would read
        # the session and make the page vary by cookie (no shared cache could keep it).
        "has_session": settings.SESSION_COOKIE_NAME in request.COOKIES,
    }
