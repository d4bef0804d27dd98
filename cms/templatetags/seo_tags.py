from django import template

from cms import seo

register = template.Library()
# Where a page's meta description comes from, in order: the promote tab's, then its own first words.
DESCRIPTION_FIELDS = ("search_description", "intro", "lead")


def description_of(*pages):
    for page in pages:
        for name in DESCRIPTION_FIELDS:
            text = str(getattr(page, name, "") or "").strip()
            if text:
                return text
    return ""


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    """Description, canonical and hreflang links, OpenGraph / Twitter card and JSON-LD of the page shown.

    Views that are not pages (search) describe themselves with the home page's description.
    """
    page, office = context.get("page"), context.get("office")
    data = seo.head(context.get("request"), page, office, description_of(page, context.get("home_page")))
    title = (getattr(page, "seo_title", "") or getattr(page, "title", "")) if page is not None else ""
    data["title"] = title or (office.name if office else "")
    data["site_name"] = office.name if office else ""
    return data
