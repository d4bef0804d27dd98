"""`{% csp_nonce_attr %}`: the CSP nonce for inline scripts of Wagtail's admin templates that we override.

Widget templates are rendered without the request, so the middleware keeps the current request
in a context variable (cms/security.py).
"""

from django import template
from django.utils.html import format_html

from cms.security import current_request

register = template.Library()


@register.simple_tag
def csp_nonce_attr():
    request = current_request.get()
    if request is None or not hasattr(request, "csp_nonce"):
        return ""
    # str(): django-csp's lazy nonce is falsy until read, and reading it puts it in the header.
    return format_html(' nonce="{}"', str(request.csp_nonce))
