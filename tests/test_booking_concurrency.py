"""No double booking: many visitors at once at the last seats, from separate processes (each with
threads), on SQLite (a database file, as `make run` has it) and on PostgreSQL (the test database).

Each process is tests/booking_race.py; they all wait until every one is ready, then book at once.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

RACE = Path(__file__).with_name("booking_race.py")
PROCESSES = 4
THREADS = 3


def run(env, *args):
    result = subprocess.run(
        [sys.executable, str(RACE), *map(str, args)], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def race(env, capacity, free):
    slot = int(run(env, "setup", capacity, free))
    try:
        workers = [
            subprocess.Popen(
                [sys.executable, str(RACE), "book", str(slot), str(THREADS)],
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(PROCESSES)
        ]
        for worker in workers:
            assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
        for worker in workers:  # all at once
            worker.stdin.write("go\n")
            worker.stdin.flush()
        results = []
        for worker in workers:
            out, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, err
            results += json.loads(out.strip().splitlines()[-1])
        return results, json.loads(run(env, "state", slot))
    finally:
        subprocess.run([sys.executable, str(RACE), "cleanup", str(slot)], env=env, timeout=120, check=False)


def check(results, state, capacity, free):
    attempts = PROCESSES * THREADS
    assert len(results) == attempts
    assert [r for r in results if r.startswith("error")] == []
    assert results.count("booked") == free, results
    # The losers got "just taken" (or, on SQLite under a long lock wait, "busy, try again").
    assert all(r in ("booked", "taken", "busy") for r in results), results
    assert state == {"capacity": capacity, "booked": capacity, "confirmed": capacity}


@pytest.fixture
def sqlite_env(tmp_path):
    return {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}", "PYTHONPATH": ""}


@pytest.mark.parametrize("capacity, free", [(1, 1), (3, 1), (5, 3)])
def test_parallel_bookings_on_sqlite_never_exceed_the_capacity(sqlite_env, capacity, free):
    results, state = race(sqlite_env, capacity, free)
    check(results, state, capacity, free)
    print(f"sqlite capacity={capacity} free={free}: {sorted(results)}")


@pytest.fixture
def postgres_env(db):
    """The pytest PostgreSQL test database (migrated and seeded); the workers, each with its own
    connection, commit their rows and delete them afterwards (this test's own transaction writes nothing)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL: run with DATABASE_URL=postgres://…")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url}


@pytest.mark.parametrize("capacity, free", [(1, 1), (3, 1), (5, 3)])
def test_parallel_bookings_on_postgresql_never_exceed_the_capacity(postgres_env, capacity, free):
    results, state = race(postgres_env, capacity, free)
    check(results, state, capacity, free)
    print(f"postgresql capacity={capacity} free={free}: {sorted(results)}")
