"""`office_changed`: what the site shows of the office's details changed.

Sent when an Office row is saved with its content (a publish, an unpublish, a rollback published,
a direct save in a shell or the seed) or deleted; not when an editor saves a draft, submits it or
takes a lock, which only write the bookkeeping fields below (the live row keeps the published
details). The page cache and the search index listen to this one signal.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

office_changed = Signal()  # sender: the Office model; instance: the office

# Fields that Wagtail's revision, draft, lock and workflow code saves on their own.
BOOKKEEPING_FIELDS = {"latest_revision", "has_unpublished_changes", "locked", "locked_at", "locked_by"}


def saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS):
        return
    office_changed.send(sender=sender, instance=instance)


def deleted(sender, instance, **kwargs):
    office_changed.send(sender=sender, instance=instance)


def connect():
    from .models import Office

    post_save.connect(saved, sender=Office, dispatch_uid="core:office-saved")
    post_delete.connect(deleted, sender=Office, dispatch_uid="core:office-deleted")
