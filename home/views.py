from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template
from django.utils.http import url_has_allowed_host_and_scheme

FURIGANA_COOKIE = "furigana"


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the database may be the reason we are here.
    return HttpResponseServerError(get_template("500.html").render({"request": request}))


def furigana(request):
    """Turn furigana on or off without JavaScript; the choice is kept in a cookie for a year."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = "/ja-x-easy/"
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
