from django import template

from language.locales import alternates

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    request = context.get("request")
    if request is None:
        return []
    return alternates(request, context.get("page"))
