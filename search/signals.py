"""Keep the search index in step with the pages: publish, unpublish, move, delete, privacy.

wagtail-localize publishes a translation as an ordinary page publish, so translations are
covered by page_published. A view restriction (the page's Privacy) saved or removed reindexes the
page and its subtree at once. The work runs synchronously (not as a background task) so that a
failure shows up instead of leaving the index silently stale: it is logged and listed on the
staff dashboard, and the publish itself still goes through (search/failures.py).
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.signals import office_changed
from language import glossary

from . import index
from .failures import guarded
from .models import IndexState, SearchEntry, Synonym


@receiver(page_published)
@guarded
def on_publish(sender, instance, **kwargs):
    old = SearchEntry.objects.filter(page_id=instance.pk, kind=SearchEntry.KIND_PAGE).values_list("url", flat=True)
    old_url = old.first()
    # A new slug moves every descendant's URL too.
    index.index_page(instance, descendants=old_url is not None and old_url != instance.url)


@receiver(page_unpublished)
@guarded
def on_unpublish(sender, instance, **kwargs):
    index.remove_page(instance.pk, instance.locale_id)


@receiver(post_page_move)
@guarded
def on_move(sender, instance, **kwargs):
    index.index_page(Page.objects.get(pk=instance.pk), descendants=True)


@receiver(pre_delete)
def before_delete(sender, instance, **kwargs):
    # The rows go with the page: note its entries so that their siblings can be refreshed.
    if isinstance(instance, Page):
        instance._search_entry_keys = index.entry_keys([instance.pk])


@receiver(post_delete)
def on_delete(sender, instance, **kwargs):
    # Rows go with the page (ForeignKey CASCADE); the version bump tells every process.
    if isinstance(instance, Page):
        changed = index.link_siblings(getattr(instance, "_search_entry_keys", set()))
        for locale_id in {instance.locale_id} | {row.locale_id for row in changed}:
            IndexState.bump(f"entries:{locale_id}")
        index.sync_backend(sorted({instance.pk} | {row.page_id for row in changed}))


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def on_synonym_change(sender, **kwargs):
    IndexState.bump("synonyms")


@receiver(post_save, sender="language.Term")
@receiver(post_delete, sender="language.Term")
def on_term_change(sender, instance, **kwargs):
    # The glossary page of the term's locale holds the term's entry (GlossaryPage.search_items).
    glossary.clear_cache()
    for page in glossary.glossary_page_model().objects.live().filter(locale_id=instance.locale_id):
        index.index_page(page)


@receiver(office_changed)
def on_office_change(sender, instance, **kwargs):
    # Pages that can show the office's details (ContactBlock) carry them in their entries.
    for model in get_page_models():
        if index.shows_content_from_elsewhere(model):
            for page in model.objects.live().filter(locale_id=instance.locale_id):
                index.index_page(page)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_change(sender, instance, raw=False, origin=None, **kwargs):
    """A restriction added, changed or removed: the page and everything below it leave the index
    or come back (and the sibling locales' rows that borrow their terms follow)."""
    if raw or is_page_deletion(origin):
        return  # a page being deleted takes its rows with it (on_delete)
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        reindex_subtree(sender, page)


@guarded
def reindex_subtree(sender, instance, **kwargs):
    index.index_page(instance, descendants=True)


def is_page_deletion(origin):
    model = getattr(origin, "model", type(origin))
    return isinstance(model, type) and issubclass(model, Page)
