from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import glossary
from .furigana import clear_overrides_cache
from .models import FuriganaOverride, Term


@receiver([post_save, post_delete], sender=FuriganaOverride)
def furigana_overrides_changed(**kwargs):
    clear_overrides_cache()


@receiver([post_save, post_delete], sender=Term)
def glossary_changed(**kwargs):
    glossary.clear_cache()


@receiver([page_published, page_unpublished, post_page_move])
def pages_changed(**kwargs):
    # The glossary links to its page and to the pages that explain each term.
    glossary.clear_cache()
