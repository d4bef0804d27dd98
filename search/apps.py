from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "サイト内検索"

    def ready(self):
        from . import signals  # noqa: F401

        post_migrate.connect(build_missing_index, sender=self)


def build_missing_index(using="default", **kwargs):
    """Build the index when a site has pages but no index yet, or an index made by an older
    analysis (search.analysis.VERSION): deploying new analysis needs no manual step."""
    from wagtail.models import Page

    from . import index
    from .analysis import VERSION
    from .models import IndexState, SearchEntry

    recorded = IndexState.objects.using(using).filter(name="analysis").values_list("version", flat=True).first()
    if not Page.objects.using(using).live().filter(depth__gt=1).exists():
        # No pages yet: the entries publishing makes will use this analysis.
        IndexState.objects.using(using).update_or_create(name="analysis", defaults={"version": VERSION})
    elif recorded != VERSION or not SearchEntry.objects.using(using).exists():
        index.rebuild(backend=False)  # Elasticsearch, if any, waits for `manage.py update_index`
