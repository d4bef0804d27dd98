from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "サイト内検索"

    def ready(self):
        from . import signals  # noqa: F401

        post_migrate.connect(build_missing_index, sender=self)


def build_missing_index(using="default", **kwargs):
    """A site migrated to this app already has pages but no index yet: build it once."""
    from wagtail.models import Page

    from . import index
    from .models import SearchEntry

    if not SearchEntry.objects.using(using).exists() and Page.objects.using(using).live().filter(depth__gt=1).exists():
        index.rebuild(backend=False)  # Elasticsearch, if any, waits for `manage.py update_index`
