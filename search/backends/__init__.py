"""Which backend answers: the embedded one on the site's database (database.py), or
Elasticsearch (elasticsearch.py) when ELASTICSEARCH_URL is set. Both rank the same
pre-analysed fields of SearchEntry with the same query analysis; neither imports the other.
"""

import logging
import os
from functools import lru_cache

from django.conf import settings
from wagtail.models import Locale

from ..query import clean_query
from ..results import BackendUnavailable
from ..schema import DEFAULT_LIMIT
from ..visibility import visible_hits
from .database import DatabaseBackend

logger = logging.getLogger(__name__)


def elasticsearch_url():
    return getattr(settings, "ELASTICSEARCH_URL", None) or os.environ.get("ELASTICSEARCH_URL")


@lru_cache(maxsize=1)
def _elasticsearch(url):
    # Imported only when configured: a site without a cluster never loads its client.
    from .elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(url)


def get_backend():
    url = elasticsearch_url()
    return _elasticsearch(url) if url else DatabaseBackend()


def run(text, language_code, limit=DEFAULT_LIMIT):
    """Search `text` in the locale of `language_code`; None when that locale does not exist.

    When Elasticsearch cannot answer, the database holds the same index: it answers instead of
    failing the visitor. Whichever answers, only hits on live, public pages are given: an index
    row that outlived its page's publication or privacy never reaches a visitor.
    """
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    text = clean_query(text)
    backend = get_backend()
    try:
        result = backend.search(text, locale, limit)
    except BackendUnavailable:
        logger.exception("Search backend %s failed; answering from the database index", backend.name)
        result = DatabaseBackend().search(text, locale, limit)
    visible = visible_hits(result.hits)
    if len(visible) < len(result.hits):
        logger.warning("Search index has rows of pages that are not public; run `manage.py update_index`")
        result.hits = visible
        result.low_confidence = result.low_confidence or not visible
    return result
