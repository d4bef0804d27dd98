"""`make bench-search`: p95 latency of GET /api/search/ over real HTTP, on the seeded index and
with N synthetic FAQ entries per locale (plus the time to rebuild that index).

Runs on a copy of the SQLite database (or, on PostgreSQL, removes its synthetic rows at the end),
so the site's own data is never changed.
"""

import json
import random
import shutil
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.wsgi import get_wsgi_application
from django.db import connections, transaction
from wagtail.models import Locale

from search import index
from search.analysis import terms_of
from search.backends import database
from search.models import IndexState, SearchEntry

QUERIES = Path(__file__).resolve().parents[2] / "eval" / "queries.json"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


class Command(BaseCommand):
    help = "Benchmark the search endpoint (p50/p95 over HTTP) and the index rebuild with synthetic entries."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=300)
        parser.add_argument("--synthetic", type=int, default=10_000, help="Synthetic FAQ entries per locale (0: skip).")

    def handle(self, **options):
        self.use_database_copy()
        server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{server.server_port}/api/search/"
        queries = [(q["q"], q["locale"]) for q in json.loads(QUERIES.read_text())["queries"]]
        try:
            self.report("seeded index", queries, options["requests"])
            if options["synthetic"]:
                self.add_synthetic(options["synthetic"])
                self.report(f"{options['synthetic']:,} synthetic FAQ entries per locale", queries, options["requests"])
        finally:
            server.shutdown()
            if self.cleanup:
                SearchEntry.objects.filter(key__startswith="synthetic-").delete()

    def use_database_copy(self):
        conn = connections["default"]
        self.cleanup = conn.vendor != "sqlite"
        if conn.vendor == "sqlite":
            copy = Path(tempfile.mkdtemp()) / "bench.sqlite3"
            shutil.copy(conn.settings_dict["NAME"], copy)
            conn.close()
            conn.settings_dict["NAME"] = str(copy)
            settings.DATABASES["default"]["NAME"] = str(copy)
            self.stdout.write(f"(on a copy of the database: {copy})")

    def get(self, text, locale):
        url = self.base + "?" + urllib.parse.urlencode({"q": text, "locale": locale, "limit": 10})
        start = time.perf_counter()
        with urllib.request.urlopen(url) as response:  # noqa: S310 - our own local server
            response.read()
            assert response.status == 200
        return (time.perf_counter() - start) * 1000

    def report(self, label, queries, n):
        for text, locale in queries[:30]:  # warm up: dictionary, in-memory index
            self.get(text, locale)
        timings = [self.get(*queries[i % len(queries)]) for i in range(n)]
        self.stdout.write(
            f"{label}: {n} requests, p50 {statistics.median(timings):.1f} ms, p95 {percentile(timings, 95):.1f} ms, "
            f"max {max(timings):.1f} ms"
        )

    def add_synthetic(self, per_locale):
        """FAQ-like entries recombined from the real FAQ text, so the vocabulary is realistic."""
        faq = list(SearchEntry.objects.filter(kind="faq").values("title", "text", "page_id", "locale_id"))
        sentences = [s for e in faq for s in e["text"].split("。") if s] or ["就職活動の支援"]
        rng = random.Random(4)  # noqa: S311 - synthetic text, not security
        start = time.perf_counter()
        rows = []
        for locale in Locale.objects.all():
            page_id = next((e["page_id"] for e in faq if e["locale_id"] == locale.pk), faq[0]["page_id"])
            for n in range(per_locale):
                title = rng.choice(faq)["title"].rstrip("?") + f"({n})?"
                text = "。".join(rng.sample(sentences, 3)) + "。"
                rows.append(
                    SearchEntry(
                        locale=locale,
                        kind="faq",
                        key=f"synthetic-{n}",  # one entry in every locale, as real FAQ entries are
                        page_id=page_id,
                        title=title,
                        url=f"/synthetic/#{n}",
                        text=text,
                        title_terms=" ".join(terms_of(title)),
                        body_terms=" ".join(terms_of(text)),
                    )
                )
        analysed = time.perf_counter()
        with transaction.atomic():
            SearchEntry.objects.bulk_create(rows, batch_size=1000)
            index.link_siblings()  # easy-Japanese entries carry the ja entry of the same key
            for locale in Locale.objects.all():
                IndexState.bump(f"entries:{locale.pk}")
        written = time.perf_counter()
        for locale in Locale.objects.all():
            database.locale_index(locale.pk, IndexState.versions())
        built = time.perf_counter()
        self.stdout.write(
            f"rebuild with {len(rows):,} synthetic rows: analysis {analysed - start:.1f} s, "
            f"database write {written - analysed:.1f} s, in-memory index {built - written:.1f} s "
            f"(total {built - start:.1f} s)"
        )
