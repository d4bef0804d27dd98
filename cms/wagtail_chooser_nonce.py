"""Local patch: Wagtail's chooser widgets (BaseChooser.render) end with an inline <script> that has no
CSP nonce, so under our policy the page, document and snippet choosers would not open.

This adds the request's nonce to that one script. Delete this module (and its call in cms/apps.py)
when Wagtail's choosers no longer render an inline script: tests/test_security.py
(test_chooser_widget_script_has_the_nonce) fails then, as a reminder.
"""

from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

from cms.templatetags.csp_nonce import csp_nonce_attr

_original_render = BaseChooser.render


def render_with_nonce(self, name, value, attrs=None, renderer=None):
    html = _original_render(self, name, value, attrs, renderer)
    nonce = csp_nonce_attr()
    if nonce and html.endswith("</script>"):
        head, _tag, script = html.rpartition("<script>")
        html = mark_safe(f"{head}<script{nonce}>{script}")  # noqa: S308 — Wagtail's own output, plus our nonce
    return html


def apply():
    BaseChooser.render = render_with_nonce
