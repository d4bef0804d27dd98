"""Which pages search may show: live and public, as the site's menus and the API define it
(Wagtail's PageQuerySet.public(): no view restriction on the page or on any page above it).

One definition for indexing (search.index), for answering (search.backends.run, checked again on
every answer so that a stale index row can never leak) and for the Elasticsearch query filter.

A restriction covers its own page tree only. wagtail-localize translations are separate pages,
served with their own restrictions: a password on the Japanese FAQ does not close the English
one, so search, like the site, shows the English page until it is restricted too, which
wagtail-localize does when the translation is next synced (it copies the source's restriction).
"""

from wagtail.models import Page, PageViewRestriction


def public_page_ids(page_ids):
    """The ids among `page_ids` of pages that are live and public."""
    page_ids = {pk for pk in page_ids if pk is not None}
    if not page_ids:
        return set()
    return set(Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True))


def is_public(page):
    return page.live and page.depth >= 2 and page.pk in public_page_ids([page.pk])


def restricted_paths():
    """The tree paths of the restricted pages: every page whose path starts with one is private."""
    return sorted(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())


def visible_hits(hits):
    """`hits` without those whose page is no longer live and public (a stale index row)."""
    public = public_page_ids(hit.entry.page_id for hit in hits)
    return [hit for hit in hits if hit.entry.page_id in public]
