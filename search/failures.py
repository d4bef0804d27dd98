"""An index update that fails never fails the publish: it is logged and shown to staff.

Each page signal receiver runs in its own savepoint, so that a database error in the index rolls
back only the index's work (PostgreSQL would otherwise refuse the rest of the publish). The failure
is kept (IndexFailure) and the dashboard lists it (wagtail_hooks.py) until the page is indexed
again or `update_index` rebuilds everything.
"""

import functools
import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def guarded(receiver):
    @functools.wraps(receiver)
    def run(sender, instance, **kwargs):
        from .models import IndexFailure

        try:
            with transaction.atomic():
                result = receiver(sender, instance, **kwargs)
        except Exception as error:
            logger.exception(
                "Search index update failed for page %s (%s); the change itself went through. "
                "Run `manage.py update_index` once the cause is fixed.",
                instance.pk,
                receiver.__name__,
            )
            IndexFailure.objects.update_or_create(
                page_id=instance.pk,
                defaults={
                    "title": str(getattr(instance, "title", ""))[:255],
                    "error": f"{type(error).__name__}: {error}"[:2000],
                },
            )
            return None
        IndexFailure.objects.filter(page_id=instance.pk).delete()
        return result

    return run
