"""Building the search index from the live pages: each FAQ entry on its own, and each page."""

import logging

from django.db import transaction
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageViewRestriction

from .analysis import terms_of
from .models import IndexState, SearchEntry

logger = logging.getLogger(__name__)

# Plain fields whose text describes a page (home lead, section intro, case study facts).
TEXT_FIELDS = ["lead", "intro", "person", "age_group", "gender", "diagnosis", "search_description"]


def block_text(block, value):
    """The words of a StreamField value: text and numbers, not choices, pages or times."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from block_text(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from block_text(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from block_text(block.child_block, item)
    elif isinstance(block, blocks.RichTextBlock):
        from django.utils.html import strip_tags

        yield strip_tags(value.source)
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        yield str(value)
    elif isinstance(block, blocks.IntegerBlock):
        yield str(value)


def page_text(page):
    parts = [str(getattr(page, name)) for name in TEXT_FIELDS if getattr(page, name, None)]
    if not hasattr(page, "faq_items"):  # the FAQ entries are indexed one by one
        for f in page._meta.get_fields():
            if isinstance(f, StreamField):
                parts.extend(block_text(f.stream_block, getattr(page, f.name)))
    return "\n".join(p for p in parts if p.strip())


def entry(page, kind, key, title, url, text):
    return SearchEntry(
        locale_id=page.locale_id,
        kind=kind,
        key=key,
        page_id=page.pk,
        title=title,
        url=url,
        text=text,
        title_terms=" ".join(terms_of(title)),
        body_terms=" ".join(terms_of(text)),
    )


def is_searchable(page):
    if not page.live or page.depth < 2:
        return False
    restricted = PageViewRestriction.objects.filter(
        page__path__in=[page.path[:n] for n in range(4, len(page.path) + 1, 4)]
    )
    return not restricted.exists()


def entries_for(page):
    """The index rows of one page (none when it is not live or not public)."""
    page = page.specific
    if not is_searchable(page):
        return []
    url = page.url
    if not url:
        return []
    rows = [entry(page, SearchEntry.KIND_PAGE, str(page.translation_key), page.title, url, page_text(page))]
    for block in getattr(page, "faq_items", list)():
        value = block.value
        text = value["answer"]
        rows.append(entry(page, SearchEntry.KIND_FAQ, block.id, value["question"], f"{url}#{block.id}", text))
    return rows


def index_page(page, descendants=False):
    """Replace the rows of `page` (and of its descendants, whose URLs follow it)."""
    pages = [page]
    if descendants:
        pages += list(page.get_descendants())
    with transaction.atomic():
        locales = set()
        for p in pages:
            SearchEntry.objects.filter(page_id=p.pk).delete()
            SearchEntry.objects.bulk_create(entries_for(p))
            locales.add(p.locale_id)
        for locale_id in locales:
            IndexState.bump(f"entries:{locale_id}")
    sync_backend([p.pk for p in pages])


def remove_page(page_id, locale_id):
    SearchEntry.objects.filter(page_id=page_id).delete()
    IndexState.bump(f"entries:{locale_id}")
    sync_backend([page_id])


def sync_backend(page_ids):
    """Copy the rows of `page_ids` to an external backend (Elasticsearch), if one is in use.

    The database rows are already current and `update_index` rebuilds the external index, so a
    cluster that is down must not stop an editor from publishing: log it loudly instead.
    """
    from .backends import get_backend

    try:
        get_backend().update_pages(page_ids)
    except Exception:
        logger.exception("Search backend update failed for pages %s; run `manage.py update_index`", page_ids)


def rebuild(log=None, backend=True):
    """Rebuild every row from the live pages of every locale (and the external backend's index,
    if one is in use and `backend`); returns the number of rows."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        rows = []
        for page in Page.objects.live().filter(depth__gt=1).specific().iterator():
            rows.extend(entries_for(page))
        SearchEntry.objects.bulk_create(rows, batch_size=500)
        for locale in Locale.objects.all():
            IndexState.bump(f"entries:{locale.pk}")
    if log:
        log(f"Search index: {len(rows)} entries")
    if backend:
        from .backends import get_backend

        get_backend().after_rebuild()
    return len(rows)
