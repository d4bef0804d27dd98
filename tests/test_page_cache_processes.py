"""Across processes: two gunicorn processes with local-memory caches, Varnish (deploy/varnish.vcl) in
front of one of them, and a publish made by a third process (a management command). The very next
GET from each of them shows the change."""

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
URL = "/ja/process-test/"
HOST = "localhost"  # the seeded Site's hostname: what the purge sends to Varnish


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def database_url(tmp_path):
    """A database other processes can open, holding the seeded site."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":  # the test database is in memory: copy it to a file
        target = sqlite3.connect(tmp_path / "site.sqlite3")
        connection.ensure_connection()
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{tmp_path / 'site.sqlite3'}"
    # PostgreSQL: the seeded test database itself (what the processes add, they remove).
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{settings['USER']}{password}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"


def run_manage(env, code):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def get(port, headers=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{URL}", headers={"Host": HOST, **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers, response.read().decode()


def wait_until_up(port, process):
    for _ in range(300):
        assert process.poll() is None, f"{process.args[0]} exited"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


@pytest.fixture
def servers(database_url, tmp_path):
    varnishd = shutil.which("varnishd") or shutil.which("/usr/sbin/varnishd")
    assert varnishd, "varnishd is needed: `make test` installs Debian's varnish"
    a, b, proxy = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "FRONTEND_CACHE_PURGE_URL": f"http://127.0.0.1:{proxy}",
    }
    env.pop("REDIS_URL", None)  # local-memory page caches: one per process
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    processes = [
        subprocess.Popen(
            [gunicorn, "cms.wsgi:application", f"--bind=127.0.0.1:{port}", "--workers=1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in (a, b)
    ]
    vcl = re.sub(r'\.port = "\d+";', f'.port = "{a}";', (ROOT / "deploy" / "varnish.vcl").read_text(), count=1)
    (tmp_path / "site.vcl").write_text(vcl)
    processes.append(
        subprocess.Popen(
            [
                varnishd,
                "-F",
                "-j",
                "none",
                "-a",
                f"127.0.0.1:{proxy}",
                "-T",
                "none",
                "-n",
                str(tmp_path / "varnish"),
                "-f",
                str(tmp_path / "site.vcl"),
                "-s",
                "malloc,32m",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    try:
        for port, process in zip((a, b, proxy), processes, strict=True):
            wait_until_up(port, process)
        yield env, a, b, proxy
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


PAGE = """
from home.models import HomePage, PolicyPage
from wagtail.models import Locale
home = HomePage.objects.get(locale=Locale.get_default())
page = PolicyPage.objects.filter(slug="process-test").first()
if page is None:
    page = home.add_child(instance=PolicyPage(title="工程の試験", slug="process-test", intro="{intro}"))
page.intro = "{intro}"
page.save_revision().publish()
"""
DELETE = 'from wagtail.models import Page; Page.objects.filter(slug="process-test").delete()'


def test_a_publish_in_another_process_reaches_every_process_and_the_proxy(servers):
    env, a, b, proxy = servers
    run_manage(env, PAGE.format(intro="最初の版です。"))
    try:
        for port, header in ((a, "X-Page-Cache"), (b, "X-Page-Cache"), (proxy, "X-Proxy-Cache")):
            get(port)
            headers, html = get(port)
            assert headers[header] == "hit", (port, header)
            assert "最初の版です" in html

        run_manage(env, PAGE.format(intro="二番目の版です。"))

        for port in (a, b, proxy):
            headers, html = get(port)
            assert "二番目の版です" in html, port
            assert "最初の版です" not in html, port
        # The proxy asked the app again, and keeps the new version.
        assert get(proxy)[0]["X-Proxy-Cache"] == "hit"
        assert "二番目の版です" in get(proxy)[1]
    finally:
        run_manage(env, DELETE)
    for port in (a, b):
        with pytest.raises(urllib.error.HTTPError) as gone:
            get(port)
        assert gone.value.code == 404
