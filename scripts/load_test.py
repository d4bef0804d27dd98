"""Bounded load test on loopback: gunicorn with production settings, mixed pages, search and form posts.

    .venv/bin/python scripts/load_test.py [--duration 60] [--connections 32] [--smtp both|ok|hang]

Sets up a throwaway SQLite database (or LOAD_DATABASE_URL, e.g. a local PostgreSQL) with the seed
content, collects static files, starts gunicorn on 127.0.0.1 with DEBUG off, a random SECRET_KEY and
SECURE_SSL_REDIRECT=0 (plain HTTP on loopback) and the task worker (`manage.py db_worker`) beside it,
runs the load for a fixed time, stops both and prints throughput, latency and errors. It only ever
connects to 127.0.0.1, and exits non-zero on any error.

Two rounds by default: mail that works (a dummy e-mail backend), then an SMTP server that accepts
connections and never answers (a socket server inside this script, stopped at the end): form posts
must still answer at once, since the mail waits in the worker, not in the request; and every post
that got its thank-you page must be stored. LOAD_PORTS=8200-8299 keeps every server in that range.

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
import threading
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
    """A free loopback port: from LOAD_PORTS (e.g. 8200-8299) when set, else any."""
    first, _, last = os.environ.get("LOAD_PORTS", "0-0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as s:
            try:
                s.bind((HOST, port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError(f"no free port in LOAD_PORTS={os.environ['LOAD_PORTS']}")


class HangingSMTPServer:
    """Accepts connections and never says a word (not even the greeting): a mail server that hangs."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((HOST, free_port()))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.held = []
        self.thread = threading.Thread(target=self.serve, daemon=True)

    def serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed by stop()
                return
            self.held.append(connection)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.listener.close()
        for connection in self.held:
            connection.close()
        self.thread.join(timeout=5)


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


def wait_until_up(url, process, timeout=300):
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


def mail_env(env, smtp):
    if smtp is None:
        return env
    return {
        **env,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": HOST,
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "0",
    }


COUNT_INQUIRIES = "from inquiries.models import Inquiry; print(Inquiry.objects.count())"


def stored_inquiries(env):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", COUNT_INQUIRIES],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


def stop(process, timeout=30):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def load_round(args, env, workdir, label, worker):
    """One round: gunicorn (and the worker) up, the load, both down. Returns (stats, failures)."""
    port = free_port()
    base = f"http://{HOST}:{port}"
    log = workdir / f"gunicorn-{label}.log"
    processes = []
    before = stored_inquiries(env)
    with open(log, "w") as log_file:
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
            stderr=log_file,
        )
        processes.append(gunicorn)
        if worker:
            processes.append(
                subprocess.Popen(
                    [sys.executable, "manage.py", "db_worker", "--no-reload", "--queue-name", "*", "--interval", "0.2"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=log_file,
                )
            )
        try:
            wait_until_up(base + "/ja/", gunicorn)
            # Search is another engineer's work in progress: include it when it answers.
            searches = [u for u in SEARCHES if httpx.get(base + u, timeout=30).status_code == 200]
            print(f"[{label}] search URLs included: {searches or 'none (no /ja/search/ yet)'}", flush=True)
            stats, elapsed = asyncio.run(run_load(base, args.duration, args.connections, searches))
        finally:
            for process in processes:
                stop(process)
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(f"\n== {label}")
    report(stats, elapsed, args.connections, f"{args.workers} workers x {args.threads} threads", database)
    failures = []
    text = log.read_text()
    tracebacks = text.count("Traceback")
    print(f"server tracebacks in the logs: {tracebacks}")
    if tracebacks:
        print(text[-3000:])
        failures.append(f"{label}: {tracebacks} tracebacks")
    if "WORKER TIMEOUT" in text:
        failures.append(f"{label}: gunicorn killed a worker that hung")
    thanked = stats.status.get(("form POST", 302), 0)
    stored = stored_inquiries(env) - before
    print(f"form posts answered with the thank-you page: {thanked}; inquiries stored: {stored}")
    if stored < thanked:
        failures.append(f"{label}: {thanked - stored} thanked posts not stored")
    if stats.errors:
        failures.append(f"{label}: {sum(stats.errors.values())} request errors")
    return stats, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=60, help="seconds per round")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--smtp", choices=["both", "ok", "hang"], default="both", help="which mail rounds to run")
    parser.add_argument("--no-worker", action="store_true", help="start no db_worker (for code without one)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="csp-load-"))
    env = server_env(workdir)
    print("Preparing: migrate, seed_content, collectstatic …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_content")
    manage(env, "collectstatic", "--noinput")
    failures = []
    try:
        if args.smtp in ("both", "ok"):
            failures += load_round(args, env, workdir, "mail works", not args.no_worker)[1]
        if args.smtp in ("both", "hang"):
            with HangingSMTPServer() as smtp:
                print(f"\nSMTP server on {HOST}:{smtp.port} that accepts and never answers", flush=True)
                failures += load_round(args, mail_env(env, smtp), workdir, "SMTP hangs", not args.no_worker)[1]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for failure in failures:
        print(f"FAILED {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
