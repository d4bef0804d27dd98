"""Faults survived: Redis down, the database unreachable, the search index failing on publish."""

import importlib.util
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import Client

from inquiries.models import Inquiry
from tests.conftest import redis_server

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
URLS = ["/ja/", "/ja-x-easy/faq/", "/en/", "/ja/search/?q=費用", "/en/search/?q=fees", "/api/search/?q=費用"]


def redis_caches(url):
    """Both caches as the settings configure them with REDIS_URL (cms/settings/base.py, loaded afresh)."""
    from cms.settings import base

    spec = importlib.util.spec_from_file_location("base_with_redis", base.__file__)
    module = importlib.util.module_from_spec(spec)
    os.environ["REDIS_URL"] = url
    try:
        spec.loader.exec_module(module)
    finally:
        del os.environ["REDIS_URL"]
    return module.CACHES


def test_redis_down_pages_search_and_the_form_still_answer(settings, caplog):
    with redis_server() as (url, process):
        settings.CACHES = redis_caches(url)
        assert (
            settings.CACHES["default"]["BACKEND"]
            == settings.CACHES["pages"]["BACKEND"]
            == ("core.cache.DegradingRedisCache")
        )
        for path in URLS:  # warm: pages are cached in Redis
            assert Client().get(path).status_code == 200, path
        assert Client().get("/en/").get("X-Page-Cache") == "hit"
        process.kill()
        process.wait(timeout=10)
        with caplog.at_level(logging.ERROR, logger="core.cache"):
            for path in URLS:
                response = Client().get(path)
                assert response.status_code == 200, path
                assert b"<h1" in response.content or path.startswith("/api/"), path
            form = Client().post(
                "/ja/contact/",
                {"purpose": "visit", "name": "山田 花子", "phone": "048-812-8677"},
                HTTP_SEC_FETCH_SITE="same-origin",
            )
            assert form.status_code == 302 and Inquiry.objects.count() == 1  # the rate limit fails open
        assert any("Redis cache unavailable" in r.getMessage() for r in caplog.records)
    caches["default"].close()


def test_a_hanging_redis_is_asked_once_per_pause_not_per_call(settings, caplog):
    import socket

    with socket.socket() as listener:  # accepts, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        url = f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
        settings.CACHES = redis_caches(url)
        with caplog.at_level(logging.ERROR, logger="core.cache"):
            cache = caches["default"]
            assert cache.get("a", "missing") == "missing"  # one socket timeout (0.5 s)
            for _ in range(50):  # then no wait at all during the pause
                assert cache.get("a") is None
                cache.set("a", 1)
            with pytest.raises(ValueError):
                cache.incr("a")
        assert len([r for r in caplog.records if "Redis cache unavailable" in r.getMessage()]) == 1


def run_python(code, env):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


DATABASE_DOWN = """
import django
django.setup()
from django.test import Client, override_settings
# collectstatic is not run in tests: plain static storage instead of the manifest.
plain = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
override_settings(STORAGES=plain).enable()
client = Client(raise_request_exception=False)
for path in ("/ja/", "/ja-x-easy/faq/", "/en/", "/api/search/?q=x", "/ja/contact/"):
    response = client.get(path, secure=True)
    print(path, response.status_code, response.get("Retry-After"), response.content.decode().replace("\\n", " "))
"""


def test_database_unreachable_is_a_localized_503_not_a_traceback(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "TRUSTED_PROXY_COUNT": "0",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/nowhere",  # nothing listens on the discard port
    }
    result = run_python(DATABASE_DOWN, env)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = {line.split(" ", 1)[0]: line for line in result.stdout.splitlines() if line.startswith("/")}
    assert len(lines) == 5, result.stdout
    for line in lines.values():
        _path, status, retry, html = line.split(" ", 3)
        assert (status, retry) == ("503", "30"), line
        assert "Traceback" not in html and "OperationalError" not in html and "tel:+81488128677" in html
    assert "ただいまサイトを表示できません" in lines["/ja/"]
    assert "いま、ページを見ることができません" in lines["/ja-x-easy/faq/"]
    assert "The site cannot be shown right now" in lines["/en/"]
    assert 'lang="en"' in lines["/en/"]


def test_a_failing_index_update_never_fails_the_publish_and_staff_see_it(monkeypatch, caplog, admin_client):
    from search import index
    from search.models import IndexFailure, SearchEntry
    from services.models import FAQPage

    faq = FAQPage.objects.get(locale__language_code="en")

    def broken(page):
        raise RuntimeError("index storage unavailable")

    monkeypatch.setattr(index, "entries_for", broken)
    faq.title = "Questions (new)"
    with caplog.at_level(logging.ERROR, logger="search.failures"):
        faq.save_revision().publish()  # no exception: the publish goes through
    faq.refresh_from_db()
    assert faq.live and faq.title == "Questions (new)"
    assert Client().get(faq.url).status_code == 200
    assert any("Search index update failed for page" in r.getMessage() for r in caplog.records)
    failure = IndexFailure.objects.get(page_id=faq.pk)
    assert "index storage unavailable" in failure.error
    dashboard = admin_client.get("/admin/").content.decode()
    assert "検索の索引を更新できなかったページ" in dashboard and "Questions (new)" in dashboard
    assert f"/admin/pages/{faq.pk}/edit/" in dashboard

    monkeypatch.undo()  # fixed: the next publish indexes the page and clears the report
    faq.save_revision().publish()
    assert not IndexFailure.objects.exists()
    assert SearchEntry.objects.filter(page_id=faq.pk, title="Questions (new)").exists()
    assert "検索の索引を更新できなかったページ" not in admin_client.get("/admin/").content.decode()
