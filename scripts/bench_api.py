"""Latency of the headless API on this machine: p50/p95 of a page detail and a page list per locale.

Runs the API in-process through Django's test client (no network, no server to start) against the
configured database (db.sqlite3 unless DATABASE_URL is set), so the figures are the API's own cost:
queries, serialisation, schema validation, ETag. Usage: `make bench-api` or
`.venv/bin/python scripts/bench_api.py [--requests 200]`.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from language.locales import LOCALES  # noqa: E402
from services.models import FAQPage  # noqa: E402

WARM_UP = 10


def measure(client, url, requests, **headers):
    for _ in range(WARM_UP):
        client.get(url, **headers)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url, **headers)
        timings.append((time.perf_counter() - start) * 1000)
    return response, timings


def percentiles(timings):
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return cuts[49], cuts[94]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per line (default 200)")
    args = parser.parse_args()

    client = Client(HTTP_HOST="localhost")
    print(f"{args.requests} requests each after {WARM_UP} warm-up; database {settings.DATABASES['default']['NAME']}")
    print(f"{'locale':10} {'request':34} {'status':>6} {'bytes':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for code in LOCALES:
        # The FAQ page is the largest page (28 question/answer blocks): the worst case for a detail.
        faq = FAQPage.objects.live().filter(locale__language_code=code).first()
        lines = [("list ?locale&limit=20", f"/api/v3/pages/?locale={code}&limit=20", {})]
        if faq is None:
            print(f"{code:10} (no live FAQ page in this locale: detail not measured)")
        else:
            detail_url = f"/api/v3/pages/{faq.pk}/"
            etag = client.get(detail_url)["ETag"]
            lines += [
                ("detail (FAQ page)", detail_url, {}),
                ("detail, If-None-Match (304)", detail_url, {"HTTP_IF_NONE_MATCH": etag}),
            ]
        for label, url, headers in lines:
            response, timings = measure(client, url, args.requests, **headers)
            p50, p95 = percentiles(timings)
            print(f"{code:10} {label:34} {response.status_code:>6} {len(response.content):>7} {p50:>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
