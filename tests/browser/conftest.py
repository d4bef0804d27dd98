"""One live server, one Chromium and one audit of the whole site for the browser suite.

The server is started here, not with pytest-django's `live_server`: that fixture makes every
test transactional, and the flush after each one would delete the seeded site (Wagtail's root
page and locales with it). This server uses the database seeded once by tests/conftest.py, with
no transaction around a test: what a test writes is seen by the server, and a test that writes
puts things back itself. The audit tests are marked `django_db`, so that pytest-django sets up
the test database (not db.sqlite3) whenever they are part of the run.

`A11Y_REPORT=path pytest tests/browser` (what `make a11y-report` runs) writes the JSON report.
"""

import datetime
import json
import os
import time
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from .audit import AXE_TAGS, CHROMIUM_ARGS, LOCALES, audit_site

AUDIT = pytest.StashKey()
STARTED = pytest.StashKey()


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker):
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()) and not name.startswith("test_"):
        pytest.fail(f"the browser suite would serve the real database {name}: run it with a django_db-marked test")
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server.url
    server.stop()


@pytest.fixture(autouse=True)
def _database_for_the_server(django_db_blocker):
    """The server thread answers the browser during a test: let it (and the test) use the database then."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def seeded_site():
    """The seeded site, again if an earlier transactional test emptied the database (pytest-django runs
    those before the tests that are not marked django_db, such as the ones whose writes the server must see)."""
    from django.core.management import call_command
    from wagtail.models import Locale, Page

    from services.models import FAQPage

    if not FAQPage.objects.exists():
        if not Page.objects.filter(depth=1).exists():
            Page.add_root(
                instance=Page(title="Root", slug="root", locale=Locale.objects.get_or_create(language_code="ja")[0])
            )
        call_command("seed_content", verbosity=0)


@pytest.fixture(scope="session")
def browser(request):
    request.config.stash[STARTED] = time.monotonic()
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls there without this.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE")
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def site_audit(request, site_url, browser, django_db_blocker):
    """Every page in every locale, and the extra states, audited once for the whole session."""
    with django_db_blocker.unblock():
        audit = audit_site(browser, site_url)
    request.config.stash[AUDIT] = audit
    return audit


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("A11Y_REPORT")
    audit = session.config.stash.get(AUDIT, None)
    if not target or audit is None:
        return
    started = session.config.stash.get(STARTED, time.monotonic())
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "passed": exitstatus == 0,
        "tests": {"total": session.testscollected, "failed": session.testsfailed},
        "pages_audited": {
            locale: {
                "pages": sum(1 for p in audit.pages if p.locale == locale and p.kind == "page"),
                "all_states": sum(1 for p in audit.pages if p.locale == locale),
            }
            for locale in LOCALES
        },
        "states_per_locale": {
            locale: dict(Counter(p.kind for p in audit.pages if p.locale == locale)) for locale in LOCALES
        },
        "violations": sum(len(p.violations) for p in audit.pages),
        "violations_nodes": sum(len(v["nodes"]) for p in audit.pages for v in p.violations),
        "other_problems": sum(len(found) for p in audit.pages for found in p.problems.values()),
        "broken_links": [path for path, _status in audit.broken_links],
        "axe_tags": AXE_TAGS,
        "rules_checked": sorted(audit.rules),
        "other_checks": sorted({name for p in audit.pages for name in p.problems}),
        "audit_seconds": round(audit.seconds, 1),
        "seconds_by_check": {
            name: round(sum(p.seconds.get(name, 0) for p in audit.pages), 1)
            for name in sorted({name for p in audit.pages for name in p.seconds})
        },
        "slowest_pages": [
            [p.url.split("/", 3)[-1], p.kind, round(sum(p.seconds.values()), 1)]
            for p in sorted(audit.pages, key=lambda p: -sum(p.seconds.values()))[:5]
        ],
        # From Chromium's start to the end of the run: the test database set-up (seeding) is not counted.
        "duration_seconds": round(time.monotonic() - started, 1),
    }
    Path(target).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
