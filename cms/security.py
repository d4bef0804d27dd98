"""Response headers for security: the Content-Security-Policy (django-csp) and the Permissions-Policy."""

from contextvars import ContextVar

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware import csrf

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


class CsrfViewMiddleware(csrf.CsrfViewMiddleware):
    """Django's CSRF protection, where a post from one of the site's own pages needs no token.

    Browsers say where a request comes from, in headers that no page can forge: Sec-Fetch-Site,
    else Origin (the approach of Go's net/http CrossOriginProtection and OWASP's "verifying origin
    with standard headers"). A same-origin post is accepted on that alone, so the public pages
    carry no per-visitor token and one cached copy serves everyone. Anything else (a cross-site
    post, a client that sends neither header) still gets Django's whole check: origin, referer, token.
    """

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if (
            request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
            and not getattr(callback, "csrf_exempt", False)
            and not getattr(request, "csrf_processing_done", False)
            and self.same_origin(request)
        ):
            return self._accept(request)
        return super().process_view(request, callback, callback_args, callback_kwargs)

    def same_origin(self, request):
        fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
        if fetch_site is not None:
            return fetch_site == "same-origin"
        return "HTTP_ORIGIN" in request.META and self._origin_verified(request)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response
