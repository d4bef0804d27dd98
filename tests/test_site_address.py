"""The Wagtail Site's hostname and port come from SITE_URL, so absolute URLs are the public ones."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from home.site_address import apply_site_address, configured_address
from inquiries.models import Inquiry
from inquiries.services import notification_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://example.jp", ("example.jp", 443)),
        ("https://www.example.jp/", ("www.example.jp", 443)),
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("http://localhost", ("localhost", 80)),
    ],
)
def test_site_url_gives_hostname_and_port(settings, url, address):
    settings.SITE_URL = url
    assert configured_address() == address


@pytest.mark.parametrize("url", ["example.jp", "ftp://example.jp", "https://example.jp:8443"])
def test_a_site_url_wagtail_cannot_express_is_refused(settings, url):
    settings.SITE_URL = url
    with pytest.raises(ImproperlyConfigured):
        configured_address()


def test_migrate_points_the_site_at_site_url_and_the_api_and_mail_follow(settings):
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = "https://example.jp"
    call_command("migrate", verbosity=0, stdout=io.StringIO())  # post_migrate applies it
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("example.jp", 443, "https://example.jp")
    client = Client(HTTP_HOST="example.jp")
    items = client.get("/api/v3/pages/?locale=en&limit=5", secure=True).json()["items"]
    assert items and all(item["meta"]["html_url"].startswith("https://example.jp/en/") for item in items)
    inquiry = Inquiry.objects.create(purpose="visit", name="x", phone="0488128677")
    assert f"https://example.jp/admin/inquiries/inspect/{inquiry.pk}/" in notification_text(inquiry)


def test_the_seed_keeps_the_configured_address(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    call_command("seed_content", verbosity=0, stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    settings.SITE_URL = "http://localhost"
    assert apply_site_address().root_url == "http://localhost"
