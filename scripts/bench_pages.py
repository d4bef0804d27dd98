"""Pages side by side, in one run on loopback: uncached, app-cached, through Varnish, and the two ceilings.

    .venv/bin/python scripts/bench_pages.py [--duration 10] [--connections 32]   (make bench-pages)

Sets up a throwaway SQLite database with the seed content (as scripts/load_test.py does), then
measures with wrk, each for a fixed time, requests/s and p50/p99 at --connections connections and the
p50 of one connection alone:
  uncached       gunicorn (production settings and README's --workers 3 --threads 4, PAGE_CACHE=0;
                 BENCH_WORKERS/BENCH_THREADS change them), every page type in every locale
  app-cached     the same pages from the app's page cache (pagecache/) through the same gunicorn
  Varnish        the same pages through deploy/varnish.vcl in front of that gunicorn
  WhiteNoise     a static CSS file from the same gunicorn: the in-process ceiling
  nginx          nginx serving a saved copy of /ja/ as a file: the machine's ceiling
and the single-request p50 of each uncached page. wrk, varnishd and nginx come from Debian: missing
ones are installed with apt-get when this runs as root (or with sudo), else their rows are skipped.
Every server listens on 127.0.0.1 only, on free ports (BENCH_PORT_BASE=8160 uses 8160-8164), and is
stopped when the script ends, however it ends.
"""

# subprocess only runs this project's commands and Debian's wrk, varnishd, nginx and apt-get.
# ruff: noqa: S603

import argparse
import atexit
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_test import HOST, ROOT, manage, server_env

PAGE_TYPES = [
    "",
    "service/",
    "fees/",
    "getting-started/",
    "daily-schedule/",
    "path-to-employment/",
    "case-studies/",
    "case-studies/case-a/",
    "faq/",
    "contact/",
    "privacy/",
]
LOCALES = ["ja", "ja-x-easy", "en"]
SEARCHES = {"ja": "費用", "ja-x-easy": "おかね", "en": "fees"}
PACKAGES = {"wrk": "wrk", "varnishd": "varnish", "nginx": "nginx-light"}
PROCESSES = []


def page_urls():
    urls = [f"/{code}/{path}" for code in LOCALES for path in PAGE_TYPES]
    urls += [f"/{code}/search/?q={urllib.request.quote(q)}" for code, q in SEARCHES.items()]
    return urls


# --- tools and processes -----------------------------------------------------------------------


def tool(name, _updated=[]):  # noqa: B006 — remembers that apt-get update ran
    """The path of a Debian tool, installing its package when allowed; None (row skipped) otherwise."""
    for candidate in (name, f"/usr/sbin/{name}"):
        found = shutil.which(candidate)
        if found:
            return found
    sudo = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if sudo is None or not shutil.which("apt-get"):
        print(f"  {name}: not installed, and apt-get cannot run here: its rows are skipped", flush=True)
        return None
    print(f"  {name}: installing Debian's {PACKAGES[name]} …", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if not _updated:
        subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, check=False, timeout=300)
        _updated.append(True)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", PACKAGES[name]],
        env=env,
        check=False,
        timeout=600,
        stdout=subprocess.DEVNULL,
    )
    found = shutil.which(name) or shutil.which(f"/usr/sbin/{name}")
    if not found:
        print(f"  {name}: could not be installed: its rows are skipped", flush=True)
    return found


def start(args, log, **kwargs):
    """Start a server in its own process group, stopped at exit whatever happens."""
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **kwargs)
    PROCESSES.append(process)
    return process


def stop(process):
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=5)
    if process in PROCESSES:
        PROCESSES.remove(process)


def stop_all(*_args):
    for process in list(PROCESSES):
        stop(process)


def ports():
    base = os.environ.get("BENCH_PORT_BASE")
    if base:
        yield from range(int(base), int(base) + 10)
    while True:
        with socket.socket() as s:
            s.bind((HOST, 0))
            yield s.getsockname()[1]


def wait_for(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited during start-up")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 — loopback only
                response.read()
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in time")


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 — loopback only
        return response.headers, response.read()


def gunicorn(env, port, workdir, name):
    process = start(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "cms.wsgi:application",
            f"--bind={HOST}:{port}",
            # README's production command: threads keep connections alive (sync workers close each one).
            f"--workers={os.environ.get('BENCH_WORKERS', '3')}",
            f"--threads={os.environ.get('BENCH_THREADS', '4')}",
            "--error-logfile=-",
        ],
        open(workdir / f"{name}.log", "w"),
        cwd=ROOT,
        env=env,
    )
    wait_for(f"http://{HOST}:{port}/ja/", process)
    return process


def varnish(workdir, port, backend_port):
    binary = tool("varnishd")
    if binary is None:
        return None
    vcl = (ROOT / "deploy" / "varnish.vcl").read_text()
    vcl = re.sub(r'\.port = "\d+";', f'.port = "{backend_port}";', vcl, count=1)
    (workdir / "varnish.vcl").write_text(vcl)
    process = start(
        [
            binary,
            "-F",
            "-j",
            "none",
            "-a",
            f"{HOST}:{port}",
            "-T",
            "none",
            "-n",
            str(workdir / "varnish"),
            "-f",
            str(workdir / "varnish.vcl"),
            "-s",
            "malloc,128m",
        ],
        open(workdir / "varnish.log", "w"),
    )
    wait_for(f"http://{HOST}:{port}/ja/", process)
    return process


def nginx_static(workdir, port, html):
    binary = tool("nginx")
    if binary is None:
        return None
    root = workdir / "nginx"
    (root / "html" / "ja").mkdir(parents=True)
    (root / "html" / "ja" / "index.html").write_bytes(html)
    conf = root / "nginx.conf"
    # As root, workers would run as nobody and could not read the private temporary directory.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(
        user
        + f"""worker_processes 2;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    default_type text/html;
    client_body_temp_path {root}/temp;
    proxy_temp_path {root}/temp;
    fastcgi_temp_path {root}/temp;
    uwsgi_temp_path {root}/temp;
    scgi_temp_path {root}/temp;
    server {{
        listen {HOST}:{port};
        root {root}/html;
    }}
}}
"""
    )
    process = start([binary, "-c", str(conf), "-p", str(root)], open(workdir / "nginx.log", "w"))
    wait_for(f"http://{HOST}:{port}/ja/", process)
    return process


# --- measuring -----------------------------------------------------------------------------------

LUA = """
paths = {%s}
counter = 0
request = function()
    counter = counter + 1
    return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(base, paths, connections, duration, workdir):
    script = workdir / "paths.lua"
    script.write_text(LUA % ", ".join(json.dumps(p) for p in paths))
    threads = min(2, connections)
    result = subprocess.run(
        [
            tool("wrk"),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout=10s",
            "--latency",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    )
    out = result.stdout
    latency = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+(\S+)\s*$", out, re.M))
    if "50" not in latency or "99" not in latency:
        raise RuntimeError(f"unexpected wrk output:\n{out}\n{result.stderr}")
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1])
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50": to_ms(latency["50"]),
        "p99": to_ms(latency["99"]),
        "errors": errors,
    }


def one_at_a_time(port, path, count=20):
    """p50 in ms of `count` requests in a row on one kept-alive connection (a count, not a time: a
    loaded machine still gets a figure)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        connection.request("GET", path)
        connection.getresponse().read()
        times.append((time.perf_counter() - started) * 1000)
    connection.close()
    return statistics.median(times)


def measure(name, base, paths, args, workdir):
    print(f"  {name} …", flush=True)
    many = wrk(base, paths, args.connections, args.duration, workdir)
    one = wrk(base, paths, 1, max(2, args.duration // 3), workdir)
    return {"name": name, **many, "single": one["p50"], "errors": many["errors"] + one["errors"]}


def print_table(rows, connections, whitenoise, nginx):
    head = f"| {'what':<34} | {'req/s':>8} | {'p50 ms':>7} | {'p99 ms':>7} | {'1 conn p50 ms':>13} |"
    head += f" {'vs WhiteNoise':>13} | {'vs nginx':>8} | {'errors':>6} |"
    print(f"\nPages side by side ({connections} connections; 1 conn = one connection alone)\n")
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    for row in rows:
        ratios = [f"{row['rps'] / ceiling['rps']:.0%}" if ceiling else "-" for ceiling in (whitenoise, nginx)]
        print(
            f"| {row['name']:<34} | {row['rps']:>8.0f} | {row['p50']:>7.2f} | {row['p99']:>7.2f} | "
            f"{row['single']:>13.2f} | {ratios[0]:>13} | {ratios[1]:>8} | {row['errors']:>6} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement at full load")
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(1))
    if tool("wrk") is None:
        print("wrk is needed for every row: nothing measured")
        return 1

    workdir = Path(tempfile.mkdtemp(prefix="csp-bench-"))
    port = ports()
    env = server_env(workdir)
    print("Preparing: migrate, seed_content, collectstatic …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_content")
    manage(env, "collectstatic", "--noinput")
    paths = page_urls()
    static = "/static/" + json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())["paths"]["css/site.css"]
    rows, per_page = [], []
    whitenoise = nginx = None
    try:
        print("Measuring:", flush=True)
        uncached_port = next(port)
        server = gunicorn({**env, "PAGE_CACHE": "0"}, uncached_port, workdir, "gunicorn-uncached")
        base = f"http://{HOST}:{uncached_port}"
        for path in paths:
            headers, _body = fetch(base + path)
            assert "X-Page-Cache" not in headers, path
        rows.append(measure("uncached, every page type x locale", base, paths, args, workdir))
        print("  uncached, one request at a time, each page …", flush=True)
        for path in paths:
            per_page.append((path, {"p50": one_at_a_time(uncached_port, path)}))
        stop(server)

        cached_port = next(port)
        server = gunicorn(env, cached_port, workdir, "gunicorn-cached")
        base = f"http://{HOST}:{cached_port}"
        for _ in range(2):  # both workers hold every page after a few rounds
            for path in paths:
                fetch(base + path)
        headers, _body = fetch(base + paths[0])
        assert headers["X-Page-Cache"] == "hit", headers
        rows.append(measure("app-cached (gunicorn)", base, paths, args, workdir))

        proxy_port = next(port)
        proxy = varnish(workdir, proxy_port, cached_port)
        if proxy is not None:
            proxy_base = f"http://{HOST}:{proxy_port}"
            for path in paths:
                fetch(proxy_base + path)
            headers, _body = fetch(proxy_base + paths[0])
            assert headers["X-Proxy-Cache"] == "hit", headers
            rows.append(measure("through Varnish (deploy/varnish.vcl)", proxy_base, paths, args, workdir))
            stop(proxy)

        whitenoise = measure("static CSS, WhiteNoise in gunicorn", base, [static], args, workdir)
        rows.append(whitenoise)
        _headers, html = fetch(base + "/ja/")
        stop(server)

        static_port = next(port)
        server = nginx_static(workdir, static_port, html)
        if server is not None:
            nginx = measure("nginx, /ja/ saved as a file", f"http://{HOST}:{static_port}", ["/ja/"], args, workdir)
            rows.append(nginx)
            stop(server)
    finally:
        stop_all()
    print_table(rows, args.connections, whitenoise, nginx)
    print("\nUncached, one request at a time (p50 ms):\n")
    print(f"| {'page':<40} | {'p50 ms':>7} |")
    print(f"|{'-' * 42}|{'-' * 9}|")
    for path, result in per_page:
        print(f"| {urllib.request.unquote(path):<40} | {result['p50']:>7.2f} |")
    slowest = max(per_page, key=lambda item: item[1]["p50"])
    print(f"\nslowest uncached page: {urllib.request.unquote(slowest[0])} at {slowest[1]['p50']:.2f} ms")
    shutil.rmtree(workdir, ignore_errors=True)
    return 1 if any(row["errors"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
