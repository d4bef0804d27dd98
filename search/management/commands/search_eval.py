"""`make search-eval`: hit@1, hit@3, MRR, zero-result rate and out-of-scope detection per language.

`flagged` is the share of answerable queries answered but marked low_confidence (the search page
then shows its "not found" help above the results).

Queries are in search/eval/queries.json, split into `tune` and `held` (held-out: the numbers
that count). Expected answers are FAQ block ids or `page:<slug of the ja page>`, so one set
serves every locale.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from wagtail.models import Locale, Page

from language.locales import LOCALES
from search.backends import get_backend

QUERIES = Path(__file__).resolve().parents[2] / "eval" / "queries.json"


def expected_ids(expect, page_keys):
    return {page_keys.get(e[5:], e) if e.startswith("page:") else e for e in expect}


def evaluate(queries, backend=None, against=None):
    """Per (locale, split): metrics over the queries. Returns {(locale, split): dict}.

    `against` runs every query in that locale instead (e.g. easy-Japanese queries on the ja
    pages while the translations are not published yet)."""
    backend = backend or get_backend()
    default = Locale.get_default()
    page_keys = {p.slug: str(p.translation_key) for p in Page.objects.filter(locale=default, depth__gt=1)}
    names = {key: f"page:{slug}" for slug, key in page_keys.items()}  # misses read as the expect lists do
    locales = {loc.language_code: loc for loc in Locale.objects.all()}
    stats = {}
    for item in queries:
        locale = locales.get(against or item["locale"])
        if locale is None:
            continue
        result = backend.search(item["q"], locale, 10)
        ids = [hit.entry.key for hit in result.hits]
        shown = [names.get(key, key) for key in ids]
        s = stats.setdefault(
            (item["locale"], item["split"]),
            {"n": 0, "h1": 0, "h3": 0, "rr": 0.0, "zero": 0, "flagged": 0, "oos": 0, "oos_flagged": 0, "misses": []},
        )
        if not item["expect"]:
            s["oos"] += 1
            if not ids or result.low_confidence:
                s["oos_flagged"] += 1
            else:
                s["misses"].append(f"OOS not flagged: {item['q']} -> {shown[:2]}")
            continue
        want = expected_ids(item["expect"], page_keys)
        s["n"] += 1
        rank = next((i for i, key in enumerate(ids, 1) if key in want), None)
        s["zero"] += not ids
        s["flagged"] += bool(ids) and result.low_confidence  # answered, but the page would say "not found"
        if rank:
            s["h1"] += rank == 1
            s["h3"] += rank <= 3
            s["rr"] += 1 / rank
        if rank != 1:
            s["misses"].append(f"rank {rank}: {item['q']} -> {shown[:3]}")
    return stats


class Command(BaseCommand):
    help = "Evaluate the site search on search/eval/queries.json."

    def add_arguments(self, parser):
        parser.add_argument("--split", choices=["held", "tune", "all"], default="all")
        parser.add_argument("--misses", action="store_true", help="List the queries not answered first.")
        parser.add_argument("--against", help="Run every query in this locale (e.g. ja) instead of its own.")

    def handle(self, **options):
        queries = json.loads(QUERIES.read_text())["queries"]
        stats = evaluate(queries, against=options["against"])
        splits = ["tune", "held"] if options["split"] == "all" else [options["split"]]
        self.stdout.write(f"backend: {get_backend().name}")
        self.stdout.write(
            f"{'locale':10} {'split':5} {'n':>3} {'hit@1':>6} {'hit@3':>6} {'MRR':>6} {'zero':>6} {'flagged':>8} "
            f"{'OOS flagged':>12}"
        )
        for split in splits:
            for locale in LOCALES:
                s = stats.get((locale, split))
                if not s or not s["n"]:
                    self.stdout.write(f"{locale:10} {split:5} (no pages in this locale yet)")
                    continue
                n = s["n"]
                oos = f"{s['oos_flagged']}/{s['oos']} {s['oos_flagged'] / s['oos']:.2f}" if s["oos"] else "-"
                self.stdout.write(
                    f"{locale:10} {split:5} {n:3} {s['h1'] / n:6.2f} {s['h3'] / n:6.2f} {s['rr'] / n:6.2f} "
                    f"{s['zero'] / n:6.2f} {s['flagged'] / n:8.2f} {oos:>12}"
                )
                if options["misses"]:
                    for miss in s["misses"]:
                        self.stdout.write(f"    {miss}")
