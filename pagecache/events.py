"""Which content events purge which pages.

Pages (publish, unpublish, move, delete; wagtail-localize publishes a translation as an ordinary
publish, and Wagtail publishes each alias with its own page_published): the page's own URLs, its
translations' (their language switchers list it), its parent's (index pages list their children),
the search pages and the sitemap. A change that other pages of its locale show too (a new, renamed, moved,
hidden or removed page: menus, footer, breadcrumbs, links) purges that whole locale.

Other models purge through `register(model, targets)`. A model that this app cannot import (it
sits below this app in the dependency order) registers itself by defining `page_cache_targets`:

    class Term(models.Model):
        def page_cache_targets(self):
            return ["*"]  # every page; or URL paths ("/ja/faq/"), or a locale ("/ja-x-easy/*")

and every save or delete of it then purges those targets, in the app's cache and the proxy's.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from core.models import Office
from core.signals import office_changed
from language.locales import EASY
from language.models import FuriganaOverride
from search.models import Synonym

from .purge import listing_paths, locale, page_paths, purge, search_paths, subtree_paths
from .stamps import EVERYTHING

# Fields that other pages show (menu, footer, breadcrumbs, links, child lists).
SHOWN_ELSEWHERE = ("title", "slug", "show_in_menus", "live")
BEFORE = "_page_cache_before"
OLD_PATHS = "_page_cache_old_paths"


def related_paths(page):
    """The page's URLs, its live translations', and its parent's."""
    paths = page_paths(page.specific_deferred)
    for translation in page.get_translations().live().specific(defer=True):
        paths += page_paths(translation)
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        paths += page_paths(parent.specific_deferred)
    return paths


def remember_state(sender, instance, raw=False, **kwargs):
    """Before a page is saved: what other pages show of it, and its URLs if its slug changes."""
    if raw or not isinstance(instance, Page) or not instance.pk or hasattr(instance, BEFORE):
        return
    before = Page.objects.filter(pk=instance.pk).values(*SHOWN_ELSEWHERE).first()
    setattr(instance, BEFORE, before)
    if before is not None and before["slug"] != instance.slug:
        setattr(instance, OLD_PATHS, subtree_paths(Page.objects.get(pk=instance.pk)))


def on_publish(sender, instance, **kwargs):
    before = instance.__dict__.pop(BEFORE, None)
    targets = set(related_paths(instance)) | set(listing_paths()) | set(instance.__dict__.pop(OLD_PATHS, ()))
    # The home page's "next steps" are the buttons at the end of every content page of its locale.
    shown_everywhere = instance.depth == 2
    if shown_everywhere or before is None or any(before[f] != getattr(instance, f) for f in SHOWN_ELSEWHERE):
        targets.add(locale(instance.locale.language_code))
    purge(targets)


def on_unpublish(sender, instance, **kwargs):
    instance.__dict__.pop(BEFORE, None)
    purge({*related_paths(instance), *listing_paths(), locale(instance.locale.language_code)})


def before_move(sender, instance, **kwargs):
    setattr(instance, OLD_PATHS, subtree_paths(instance))


def on_move(sender, instance, **kwargs):
    page = Page.objects.get(pk=instance.pk)
    old = instance.__dict__.pop(OLD_PATHS, [])
    purge({*old, *subtree_paths(page), *related_paths(page), *listing_paths(), locale(page.locale.language_code)})


def before_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        setattr(instance, OLD_PATHS, [*related_paths(instance), locale(instance.locale.language_code)])


def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge({*instance.__dict__.pop(OLD_PATHS, []), *listing_paths()})


def on_privacy_change(sender, instance, **kwargs):
    """A restriction covers the page and everything below it; menus list only public pages."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:  # else the page is being deleted, which purges it
        purge({*subtree_paths(page), *related_paths(page), *listing_paths(), locale(page.locale.language_code)})


def purge_everything(sender, **kwargs):
    purge([EVERYTHING])


def register(model, targets):
    """Purge `targets(instance)` (an iterable of targets, see purge.py) whenever `model` is saved or deleted."""

    def changed(sender, instance, raw=False, **kwargs):
        if not raw:
            purge(targets(instance))

    uid = f"page-cache:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)


def connect():
    pre_save.connect(remember_state, dispatch_uid="page-cache:remember")
    page_published.connect(on_publish, dispatch_uid="page-cache:publish")
    page_unpublished.connect(on_unpublish, dispatch_uid="page-cache:unpublish")
    pre_page_move.connect(before_move, dispatch_uid="page-cache:before-move")
    post_page_move.connect(on_move, dispatch_uid="page-cache:move")
    pre_delete.connect(before_delete, dispatch_uid="page-cache:before-delete")
    post_delete.connect(on_delete, dispatch_uid="page-cache:delete")
    for signal in (post_save, post_delete):
        signal.connect(on_privacy_change, sender=PageViewRestriction, dispatch_uid="page-cache:privacy")

    # The office's details are on every page: purged when they change on the site (a publish,
    # never an editor's draft: core.signals); readings on every easy-Japanese page.
    office_changed.connect(purge_everything, sender=Office, dispatch_uid="page-cache:office")
    register(FuriganaOverride, lambda override: [locale(EASY)])
    register(Synonym, lambda synonym: search_paths())
    for model in apps.get_models():
        if callable(getattr(model, "page_cache_targets", None)):
            register(model, model.page_cache_targets)
