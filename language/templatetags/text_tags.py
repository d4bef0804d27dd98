from django import template
from django.utils.translation import get_language, gettext

from language import text

register = template.Library()


@register.filter
def prose(value):
    """Editors' plain text as paragraphs with `lang` runs (and furigana on easy pages)."""
    return text.safe(text.prose_html(value, get_language()))


@register.filter
def inline(value):
    """A short text (title, question, list item) without paragraphs."""
    return text.safe(text.inline_html(str(value or ""), get_language()))


@register.filter
def yen(amount):
    """An integer yen amount in the visitor's language: 9,300円 / ¥9,300."""
    return gettext("%(amount)s円") % {"amount": f"{int(amount):,}"}


register.filter("clock", text.clock)
