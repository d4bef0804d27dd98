"""Response headers for security: the Content-Security-Policy (django-csp) and the Permissions-Policy."""

from contextvars import ContextVar

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIX = "/admin/"
# The request being answered, for templates rendered without it (form widgets): see templatetags/csp_nonce.py.
current_request = ContextVar("current_request", default=None)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's policy; in the Wagtail admin, inline style attributes are allowed.

    Scripts never get 'unsafe-inline': the few inline scripts of the admin carry the request's nonce
    (cms/templatetags/csp_nonce.py, the templates in cms/templates/, cms/wagtail_chooser_nonce.py).
    Wagtail's admin sets style="" attributes in its own templates, which a style-src without
    'unsafe-inline' would break; the public site has none, so it keeps 'self'.
    """

    def process_request(self, request):
        super().process_request(request)
        current_request.set(request)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        current_request.set(None)  # templates are rendered by now; never leak into the next request
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), "style-src": ["'unsafe-inline'"]}
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response
