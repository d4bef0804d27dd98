from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .furigana import clear_overrides_cache
from .models import FuriganaOverride


@receiver([post_save, post_delete], sender=FuriganaOverride)
def furigana_overrides_changed(**kwargs):
    clear_overrides_cache()
