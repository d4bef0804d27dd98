from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from .locales import EASY

FURIGANA_COOKIE = "furigana"


def furigana(request):
    """Turn furigana on or off without JavaScript; the choice is kept in a cookie for a year."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = f"/{EASY}/"
    response = HttpResponseRedirect(target)
    show = request.GET.get("show") != "0"
    response.set_cookie(
        FURIGANA_COOKIE,
        "on" if show else "off",
        max_age=365 * 24 * 3600,
        samesite="Lax",
        httponly=True,
        secure=request.is_secure(),
    )
    return response


def furigana_shown(request):
    """Whether the visitor sees furigana on easy pages (on unless turned off)."""
    return request.COOKIES.get(FURIGANA_COOKIE) != "off"
