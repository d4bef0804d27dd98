"""Building the search index from the live pages: each FAQ entry and glossary term on its own, and each page."""

import logging

from django.db import transaction
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from language.locales import EASY, SOURCE

from .analysis import VERSION as ANALYSIS_VERSION
from .analysis import terms_of
from .backends import get_backend
from .models import IndexFailure, IndexState, SearchEntry
from .visibility import is_public

logger = logging.getLogger(__name__)

# Cross-locale evidence: an FAQ entry has the same block id in every locale and a page the same
# translation key, so an easy-Japanese entry also carries (in alt_terms, ranked lower) the terms of
# the same entry in standard Japanese: hiragana and easy queries then meet the fuller vocabulary
# (ひよう → 費用, 手帳 → 障害者手帳, なんびょう → 難病 where the easy page says 難しい病気).
# ja borrowing the easy text cost a ja hit@1 on the tuning split, so it is left out; English has
# no sibling whose words English queries would share.
SIBLINGS = {EASY: (SOURCE,)}

# Plain fields whose text describes a page (home lead, section intro, case study facts).
TEXT_FIELDS = ["lead", "intro", "person", "age_group", "gender", "diagnosis", "search_description"]


def block_text(block, value, locale):
    """The words of a StreamField value: text and numbers, not choices, pages or times; blocks
    that show content from elsewhere (the office's contact details) say what with search_text()."""
    if hasattr(block, "search_text"):
        yield block.search_text(locale)
    elif value is None:
        return
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from block_text(child.block, child.value, locale)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from block_text(child, value.get(name), locale)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from block_text(block.child_block, item, locale)
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        yield str(value)
    elif isinstance(block, blocks.IntegerBlock):
        yield str(value)


def shows_content_from_elsewhere(model):
    """Whether pages of `model` can hold a block that shows content from elsewhere (search_text)."""
    return any(
        hasattr(child, "search_text")
        for f in model._meta.get_fields()
        if isinstance(f, StreamField)
        for child in f.stream_block.child_blocks.values()
    )


def page_text(page):
    parts = [str(getattr(page, name)) for name in TEXT_FIELDS if getattr(page, name, None)]
    if not hasattr(page, "faq_items"):  # the FAQ entries are indexed one by one
        for f in page._meta.get_fields():
            if isinstance(f, StreamField):
                parts.extend(block_text(f.stream_block, getattr(page, f.name), page.locale))
    return "\n".join(p for p in parts if p.strip())


def entry(page, kind, key, title, url, text, keywords=""):
    """An index row; `keywords` (hidden search keywords) are searched like the text, never shown."""
    return SearchEntry(
        locale_id=page.locale_id,
        kind=kind,
        key=key,
        page_id=page.pk,
        title=title,
        url=url,
        text=text,
        title_terms=" ".join(terms_of(title)),
        body_terms=" ".join(terms_of(f"{keywords}\n{text}")),
    )


def entries_for(page):
    """The index rows of one page (none when it is not live or not public)."""
    page = page.specific
    if not is_public(page):
        return []
    url = page.url
    if not url:
        return []
    keywords = getattr(page, "search_keywords", "")
    rows = [entry(page, SearchEntry.KIND_PAGE, str(page.translation_key), page.title, url, page_text(page), keywords)]
    for block in getattr(page, "faq_items", list)():
        value = block.value
        text = value["answer"]
        keywords = value.get("keywords") or ""
        rows.append(entry(page, SearchEntry.KIND_FAQ, block.id, value["question"], f"{url}#{block.id}", text, keywords))
    # Entries a page holds besides its blocks (the glossary's terms) say so with search_items().
    for item in getattr(page, "search_items", list)():
        item_url = f"{url}#{item['anchor']}"
        rows.append(entry(page, item["kind"], item["key"], item["title"], item_url, item["text"], item["keywords"]))
    return rows


def sibling_terms(row):
    return f"{row.title_terms} {row.body_terms}".strip()


def link_siblings(keys=None):
    """Set alt_terms of the rows with `keys` (all rows when None) from their siblings' current
    terms. Returns the rows that changed (already saved)."""
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    wanted = {locale_id for locale_id, code in codes.items() if code in SIBLINGS}
    sources = {code for code in codes.values() for sibling in SIBLINGS.values() if code in sibling}
    rows = SearchEntry.objects.only("pk", "locale_id", "key", "page_id", "title_terms", "body_terms", "alt_terms")
    if keys is not None:
        keys = sorted(set(keys))
        rows = [r for start in range(0, len(keys), 500) for r in rows.filter(key__in=keys[start : start + 500])]
    by_key = {}
    for row in rows:
        by_key.setdefault(row.key, {}).setdefault(codes[row.locale_id], row)
    changed = []
    for siblings in by_key.values():
        for code, row in siblings.items():
            if row.locale_id not in wanted:
                continue
            alt = " ".join(sibling_terms(siblings[s]) for s in SIBLINGS[code] if s in siblings and s in sources)
            if alt != row.alt_terms:
                row.alt_terms = alt
                changed.append(row)
    SearchEntry.objects.bulk_update(changed, ["alt_terms"], batch_size=500)
    return changed


def entry_keys(page_ids):
    return set(SearchEntry.objects.filter(page_id__in=page_ids).values_list("key", flat=True))


def index_page(page, descendants=False):
    """Replace the rows of `page` (and of its descendants, whose URLs follow it), and refresh the
    alt_terms of the same entries in the sibling locales."""
    pages = [page]
    if descendants:
        pages += list(page.get_descendants())
    page_ids = [p.pk for p in pages]
    with transaction.atomic():
        keys = entry_keys(page_ids)  # entries removed from the page must leave their siblings too
        locales = set()
        for p in pages:
            SearchEntry.objects.filter(page_id=p.pk).delete()
            SearchEntry.objects.bulk_create(entries_for(p))
            locales.add(p.locale_id)
        keys |= entry_keys(page_ids)
        changed = link_siblings(keys)
        locales |= {row.locale_id for row in changed}
        for locale_id in locales:
            IndexState.bump(f"entries:{locale_id}")
    sync_backend(sorted(set(page_ids) | {row.page_id for row in changed}))


def remove_page(page_id, locale_id):
    with transaction.atomic():
        keys = entry_keys([page_id])
        SearchEntry.objects.filter(page_id=page_id).delete()
        changed = link_siblings(keys)
        for locale in {locale_id} | {row.locale_id for row in changed}:
            IndexState.bump(f"entries:{locale}")
    sync_backend(sorted({page_id} | {row.page_id for row in changed}))


def sync_backend(page_ids):
    """Copy the rows of `page_ids` to an external backend (Elasticsearch), if one is in use.

    The database rows are already current and `update_index` rebuilds the external index, so a
    cluster that is down must not stop an editor from publishing: log it loudly instead.
    """
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
        for page in Page.objects.live().public().filter(depth__gt=1).specific().iterator():
            rows.extend(entries_for(page))
        SearchEntry.objects.bulk_create(rows, batch_size=500)
        link_siblings()
        for locale in Locale.objects.all():
            IndexState.bump(f"entries:{locale.pk}")
        IndexState.objects.update_or_create(name="analysis", defaults={"version": ANALYSIS_VERSION})
        IndexFailure.objects.all().delete()  # every page is current again
    if log:
        log(f"Search index: {len(rows)} entries")
    if backend:
        get_backend().after_rebuild()
    return len(rows)
