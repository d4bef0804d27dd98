import contextlib
import os
import shutil
import socket
import subprocess
import time

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the seeded site, as `make run` would have it."""
    with django_db_blocker.unblock():
        call_command("seed_content", verbosity=0)


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test's database rolls back, and stamps with it: cached pages (and the menus kept per
    site version) must not outlive the test."""
    from django.core.cache import caches

    from home import context_processors

    caches["pages"].clear()
    context_processors._kept.clear()
    yield
    caches["pages"].clear()
    context_processors._kept.clear()


@contextlib.contextmanager
def redis_server():
    """A private redis-server on a free loopback port: yields (url, process); stopped at the end."""
    server = shutil.which("redis-server")
    assert server, "redis-server is needed (Debian package redis-server)"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0", process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def redis_url():
    """A Redis of the test run's own (TEST_REDIS_URL, else a private redis-server on a free loopback port)."""
    if os.environ.get("TEST_REDIS_URL"):
        yield os.environ["TEST_REDIS_URL"]
        return
    with redis_server() as (url, _process):
        yield url
