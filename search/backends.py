"""The search backend: the embedded one on the site's database, or Elasticsearch when
ELASTICSEARCH_URL is set. Both rank the same pre-analysed fields of SearchEntry."""

import os
from functools import lru_cache

from django.conf import settings


def elasticsearch_url():
    return getattr(settings, "ELASTICSEARCH_URL", None) or os.environ.get("ELASTICSEARCH_URL")


class DatabaseBackend:
    name = "database"

    def search(self, text, locale, limit):
        from . import engine

        return engine.search(text, locale.pk, limit)

    def update_pages(self, page_ids):
        """Rows in the database are already current; the in-memory index follows IndexState."""

    def after_rebuild(self):
        pass


@lru_cache(maxsize=1)
def _elasticsearch(url):
    from .elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(url)


def get_backend():
    url = elasticsearch_url()
    return _elasticsearch(url) if url else DatabaseBackend()
