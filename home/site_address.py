"""The Wagtail Site record's hostname and port come from settings.SITE_URL (set from the environment).

Wagtail builds every absolute URL from the Site (the API's html_url, page.full_url, the reverse-proxy
purges, a sitemap): a record left at localhost:80 gives visitors and clients wrong links. Applied
after every migrate (post_migrate) and when the seed creates the Site.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


def configured_address():
    """(hostname, port) of SITE_URL. Wagtail's Site has no scheme: port 443 means https."""
    parts = urlsplit(settings.SITE_URL)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(f"SITE_URL must be http(s)://host[:port], not {settings.SITE_URL!r}")
    port = parts.port or DEFAULT_PORTS[parts.scheme]
    if parts.scheme == "https" and port != 443:
        raise ImproperlyConfigured("SITE_URL: Wagtail's Site can only say https on port 443")
    return parts.hostname, port


def apply_site_address(**kwargs):
    """Point the default Site at SITE_URL; save() so that Wagtail clears its cached root paths."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = configured_address()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    return site
