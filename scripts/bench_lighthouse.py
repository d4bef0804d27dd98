"""Lighthouse (mobile) on every page type in every locale, against a local production-like server.

    make bench-lighthouse            # or: .venv/bin/python scripts/bench_lighthouse.py [--pages fees,faq]

Uses what scripts/load_test.py sets up: a throwaway SQLite database with the seed content, collected
static files (WhiteNoise: compressed, hash-named), gunicorn with production settings on 127.0.0.1
(port BENCH_PORT, else a free one). Lighthouse is the version pinned in scripts/lighthouse/ and runs
Debian's Chromium (CHROME_PATH). Prints one row per page with the performance, accessibility,
best-practices and SEO scores and the bytes transferred, and exits non-zero below the targets
(performance 98, accessibility 100, best practices 100, SEO 100; the home page under 60 KB).
"""

# subprocess only runs this project's own commands and the pinned Lighthouse.
# ruff: noqa: S603

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_test import HOST, ROOT, free_port, manage, server_env, wait_until_up

LIGHTHOUSE = ROOT / "scripts" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
# One page of each page type (and the search results), by path under the locale prefix.
PAGE_TYPES = {
    "home": "",
    "service": "service/",
    "fees": "fees/",
    "fee check": "fees/?welfare=no&tax=unknown&residential=no",
    "start flow": "getting-started/",
    "day": "daily-schedule/",
    "employment flow": "path-to-employment/",
    "case index": "case-studies/",
    "case study": "case-studies/case-a/",
    "faq": "faq/",
    "contact": "contact/",
    "policy": "accessibility/",
    "glossary": "glossary/",
    "booking": "booking/",
    "search": "search/?q={query}",
}
QUERIES = {"ja": "費用", "ja-x-easy": "おかね", "en": "fees"}
LOCALES = ("ja", "ja-x-easy", "en")
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
HOME_BUDGET = 60 * 1024


class IncompleteRun(Exception):
    """Lighthouse finished but could not score a category (a metric it failed to measure)."""


def lighthouse(url, workdir, attempts=2):
    """One Lighthouse run; Lighthouse sometimes fails to record a trace (NO_NAVSTART) or to score a
    category on a busy machine: try once more."""
    for attempt in range(attempts):
        try:
            return lighthouse_once(url, workdir)
        except (subprocess.CalledProcessError, IncompleteRun):
            if attempt == attempts - 1:
                raise
    return None


def lighthouse_once(url, workdir):
    out = workdir / "report.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility,best-practices,seo",
            f"--chrome-flags={CHROME_FLAGS}",
            "--max-wait-for-load=30000",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=True,
        timeout=180,
    )
    report = json.loads(out.read_text())
    unscored = [name for name, category in report["categories"].items() if category["score"] is None]
    if unscored and not (unscored == ["performance"] and opens_scrolled(report)):
        raise IncompleteRun(f"{url}: no score for {', '.join(unscored)}")
    scores = {
        name: None if category["score"] is None else round(category["score"] * 100)
        for name, category in report["categories"].items()
    }
    items = report["audits"]["network-requests"]["details"]["items"]
    transferred = sum(item.get("transferSize", 0) for item in items)
    failing = [
        audit_id
        for category in report["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"]
        and (report["audits"][ref["id"]].get("score") is not None)
        and report["audits"][ref["id"]]["score"] < 1
        and category["id"] != "performance"
        for audit_id in [ref["id"]]
    ]
    metrics = {
        name: report["audits"][audit].get("numericValue", float("nan"))
        for name, audit in (("LCP", "largest-contentful-paint"), ("TBT", "total-blocking-time"))
    }
    metrics["CLS"] = report["audits"]["cumulative-layout-shift"]["numericValue"]
    return scores, transferred, failing, metrics


def opens_scrolled(report):
    """A page that opens scrolled to its answer (autofocus on the fee check's result, before the first
    paint) has no Largest Contentful Paint in Chromium, so no performance score: reported as n/a."""
    return report["audits"]["largest-contentful-paint"].get("errorMessage") == "NO_LCP"


def shown(score):
    return "n/a" if score is None else score


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", help="comma-separated page types (default: all)")
    parser.add_argument("--locales", default=",".join(LOCALES))
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `make bench-lighthouse` (npm ci in scripts/lighthouse/)")
    types = args.pages.split(",") if args.pages else list(PAGE_TYPES)

    workdir = Path(tempfile.mkdtemp(prefix="csp-lighthouse-"))
    env = server_env(workdir)
    env["ALLOWED_HOSTS"] = f"{HOST},localhost"
    print("Preparing: migrate, seed_content, collectstatic …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_content")
    manage(env, "collectstatic", "--noinput")
    port = int(os.environ.get("BENCH_PORT") or free_port())
    # Canonical, hreflang and sitemap URLs come from the Site record: make it the server being measured,
    # as a deployment would (the seed's Site is localhost:80).
    site = f"Site.objects.filter(is_default_site=True).update(hostname='{HOST}', port={port})"
    manage(env, "shell", "-c", f"from wagtail.models import Site; {site}")
    base = f"http://{HOST}:{port}"
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "cms.wsgi:application",
            f"--bind={HOST}:{port}",
            "--workers=2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "gunicorn.log", "w"),
    )
    rows, below = [], []
    try:
        wait_until_up(base + "/ja/", gunicorn)
        for locale in args.locales.split(","):
            for kind in types:
                path = f"/{locale}/" + PAGE_TYPES[kind].format(query=QUERIES[locale])
                scores, transferred, failing, metrics = lighthouse(base + path, workdir)
                rows.append((path, kind, scores, transferred, metrics))
                print(
                    f"{path:42} {shown(scores['performance']):>4} {scores['accessibility']:>5}"
                    f" {scores['best-practices']:>5}"
                    f" {scores['seo']:>5}"
                    f" {transferred / 1024:>7.1f} KB  LCP {metrics['LCP']:.0f} ms TBT {metrics['TBT']:.0f} ms"
                    f" CLS {metrics['CLS']:.3f} {' '.join(failing)}",
                    flush=True,
                )
                if any(scores[name] is not None and scores[name] < target for name, target in TARGETS.items()):
                    below.append(path)
                if kind == "home" and transferred >= HOME_BUDGET:
                    below.append(f"{path} ({transferred} bytes)")
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
        shutil.rmtree(workdir, ignore_errors=True)
    print("\n| page | type | performance | accessibility | best practices | SEO | transferred | LCP | TBT |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path, kind, scores, transferred, metrics in rows:
        print(
            f"| `{path}` | {kind} | {shown(scores['performance'])} | {scores['accessibility']}"
            f" | {scores['best-practices']}"
            f" | {scores['seo']}"
            f" | {transferred / 1024:.1f} KB | {metrics['LCP']:.0f} ms | {metrics['TBT']:.0f} ms |"
        )
    if below:
        print("\nbelow target: " + ", ".join(below))
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
