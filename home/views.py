from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the database may be the reason we are here.
    return HttpResponseServerError(get_template("500.html").render({"request": request}))
