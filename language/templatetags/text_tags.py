from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

from language import text, typography

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


@register.simple_tag
def time_range(start, end=None):
    """<time>10:00</time>~<time>17:00</time>, with the range mark of the visitor's language
    (an en dash in English); a slot with no end shows its start alone."""
    first = format_html('<time datetime="{}">{}</time>', start.strftime("%H:%M"), text.clock(start))
    if not end:
        return first
    separator = typography.range_separator(get_language())
    return format_html(
        '{}<span class="range">{}</span><time datetime="{}">{}</time>',
        first,
        separator,
        end.strftime("%H:%M"),
        text.clock(end),
    )


@register.simple_tag
def long_date(value, year=False):
    """<time datetime="2026-12-03">12月3日(木)</time> in the visitor's language."""
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), text.long_date(value, get_language(), year=year)
    )
