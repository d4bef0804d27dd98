from django import template

register = template.Library()


@register.filter
def url_for(urls, page):
    """The localised URL of a linked page, from a block's `urls` context (see LocalizedLinksMixin)."""
    return urls.get(page.pk, "") if page is not None else ""
