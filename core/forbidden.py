"""An explicit 403 in the admin for staff without a permission.

Wagtail answers a permission denied in its admin with a redirect to the dashboard; the project's
own views and viewsets answer 403 instead (a page saying so, in the staff's language), so that
a refused request is recognisable as one, by people and by tests.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver


def forbidden(request):
    return TemplateResponse(request, "core/forbidden.html", status=403)


def permission_denied_as_403(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(request)

    return checked


def with_403(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = permission_denied_as_403(pattern.callback)
        elif isinstance(pattern, URLResolver):
            with_403(pattern.url_patterns)
    return patterns


class Forbidden403ViewSetMixin:
    """For a Wagtail ViewSet: every one of its views answers 403 on a permission denied."""

    def get_urlpatterns(self):
        return with_403(super().get_urlpatterns())
