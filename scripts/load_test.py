"""Bounded load test on loopback: gunicorn with production settings, mixed pages, search and form posts.

    .venv/bin/python scripts/load_test.py [--duration 60] [--connections 32]

Sets up a throwaway SQLite database (or LOAD_DATABASE_URL, e.g. a local PostgreSQL) with the seed
content, collects static files, starts gunicorn on 127.0.0.1 with DEBUG off, a random SECRET_KEY and
SECURE_SSL_REDIRECT=0 (plain HTTP on loopback), runs the load for a fixed time, stops gunicorn and
prints throughput, latency and errors. It only ever connects to 127.0.0.1, and exits non-zero on any error.

Form posts come "through a proxy" (TRUSTED_PROXY_COUNT=1) with a different X-Forwarded-For each, as
many visitors would; without it every post would come from 127.0.0.1 and the rate limit would
(correctly) refuse all but the first few.
"""

# random only picks the traffic mix; subprocess only runs this project's own commands.
# ruff: noqa: S311, S603

import argparse
import asyncio
import itertools
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PAGES = [
    "/ja/",
    "/ja/service/",
    "/ja/fees/",
    "/ja/getting-started/",
    "/ja/daily-schedule/",
    "/ja/faq/",
    "/ja/case-studies/case-a/",
    "/ja/contact/",
    "/ja/privacy/",
    "/en/",
    "/ja-x-easy/",
]
SEARCHES = ["/ja/search/?q=費用", "/ja/search/?q=手帳", "/ja/search/?q=おかね+かかる", "/en/search/?q=fees"]
FORM = "/ja/contact/"


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server_env(workdir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),  # throwaway
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": os.environ.get("LOAD_DATABASE_URL", f"sqlite:///{workdir / 'load.sqlite3'}"),
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "INQUIRY_NOTIFY_EMAILS": "staff@example.jp",
        "TRUSTED_PROXY_COUNT": "1",
    }


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer in time")


class Stats:
    def __init__(self):
        self.latency = {}
        self.status = Counter()
        self.errors = Counter()

    def record(self, kind, status, seconds, ok):
        self.latency.setdefault(kind, []).append(seconds)
        self.status[(kind, status)] += 1
        if not ok:
            self.errors[f"{kind} {status}"] += 1


async def timed(stats, kind, call, expected):
    started = time.perf_counter()
    try:
        response = await call()
    except httpx.HTTPError as error:
        stats.record(kind, type(error).__name__, time.perf_counter() - started, False)
        return None
    stats.record(kind, response.status_code, time.perf_counter() - started, response.status_code in expected)
    return response


async def post_form(client, stats, addresses):
    page = await timed(stats, "form GET", lambda: client.get(FORM), {200})
    if page is None:
        return
    if "csrfmiddlewaretoken" in page.text or page.cookies:
        stats.record("form GET", "per-visitor token or cookie in a shared page", 0, False)
        return
    data = {
        "purpose": random.choice(["consultation", "visit", "trial", "other"]),
        "name": "負荷 試験",
        "phone": "048-812-8677",
        "message": "負荷試験の送信です。" * random.randint(1, 20),
    }
    # What a browser sends with a form post from the page itself (cms.security.CsrfViewMiddleware).
    headers = {
        "Origin": str(client.base_url).rstrip("/"),
        "Sec-Fetch-Site": "same-origin",
        "X-Forwarded-For": next(addresses),
    }
    await timed(stats, "form POST", lambda: client.post(FORM, data=data, headers=headers), {302})


async def user(client, stats, deadline, searches, addresses):
    while time.monotonic() < deadline:
        roll = random.random()
        if roll < 0.15:
            await post_form(client, stats, addresses)
        elif roll < 0.30 and searches:
            url = random.choice(searches)
            await timed(stats, "search", lambda u=url: client.get(u), {200})
        else:
            url = random.choice(PAGES)
            await timed(stats, "page", lambda u=url: client.get(u), {200})


async def run_load(base, duration, connections, searches):
    stats = Stats()
    addresses = (f"198.18.{n // 250 % 250}.{n % 250 + 1}" for n in itertools.count())
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30, follow_redirects=False) as client:
        deadline = time.monotonic() + duration
        started = time.monotonic()
        await asyncio.gather(*(user(client, stats, deadline, searches, addresses) for _ in range(connections)))
        elapsed = time.monotonic() - started
    return stats, elapsed


def report(stats, elapsed, connections, workers, database):
    total = sum(stats.status.values())
    print(
        f"\nLoad test: {connections} connections for {elapsed:.1f} s against gunicorn ({workers}) on {HOST}, {database}"
    )
    print(f"requests: {total}   throughput: {total / elapsed:.1f} req/s   errors: {sum(stats.errors.values())}")
    print(f"{'kind':<10} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses")
    for kind, values in sorted(stats.latency.items()):
        values = sorted(values)
        q = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
        statuses = {str(s): n for (k, s), n in stats.status.items() if k == kind}
        print(f"{kind:<10} {len(values):>7} {q[49] * 1000:>8.0f} {q[94] * 1000:>8.0f} {q[98] * 1000:>8.0f}  {statuses}")
    for what, n in stats.errors.items():
        print(f"ERROR {what}: {n}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="csp-load-"))
    env = server_env(workdir)
    print("Preparing: migrate, seed_content, collectstatic …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_content")
    manage(env, "collectstatic", "--noinput")
    port = free_port()
    base = f"http://{HOST}:{port}"
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "cms.wsgi:application",
            f"--bind={HOST}:{port}",
            f"--workers={args.workers}",
            f"--threads={args.threads}",
            "--access-logfile=-" if os.environ.get("LOAD_ACCESS_LOG") else "--error-logfile=-",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "gunicorn.log", "w"),
    )
    try:
        wait_until_up(base + "/ja/", gunicorn)
        # Search is another engineer's work in progress: include it when it answers.
        searches = [u for u in SEARCHES if httpx.get(base + u, timeout=30).status_code == 200]
        print(f"search URLs included: {searches or 'none (no /ja/search/ yet)'}", flush=True)
        stats, elapsed = asyncio.run(run_load(base, args.duration, args.connections, searches))
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    report(stats, elapsed, args.connections, f"{args.workers} workers x {args.threads} threads", database)
    log = (workdir / "gunicorn.log").read_text()
    server_errors = log.count("Traceback")
    print(f"server tracebacks in gunicorn's log: {server_errors}")
    if server_errors:
        print(log[-3000:])
    shutil.rmtree(workdir, ignore_errors=True)
    return 1 if stats.errors or server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
