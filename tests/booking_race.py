"""A worker for tests/test_booking_concurrency.py: run as its own process against DATABASE_URL.

setup CAPACITY FREE   create a slot (and on SQLite its tables) with FREE of CAPACITY seats left
book SLOT THREADS     print "ready", wait for a line on stdin, then book from THREADS threads at once
state SLOT            print the slot's seat count and its confirmed bookings
cleanup SLOT          delete the slot and its bookings
"""

import json
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()

from django.db import connection, connections  # noqa: E402

from booking import services  # noqa: E402
from booking.models import Booking, Slot, Status, WeeklyPattern  # noqa: E402

PERSON = {"name": "競争 太郎", "phone": "0488128677", "email": ""}


def setup(capacity, free):
    import datetime

    from django.utils import timezone

    if connection.vendor == "sqlite" and "booking_slot" not in connection.introspection.table_names():
        with connection.schema_editor() as editor:
            for model in (WeeklyPattern, Slot, Booking):
                editor.create_model(model)
    slot = Slot.objects.create(
        date=timezone.localdate() + datetime.timedelta(days=7 + os.getpid() % 300),
        start=datetime.time(10, os.getpid() % 60),
        end=datetime.time(11, 30),
        kind="visit",
        capacity=capacity,
    )
    for _ in range(capacity - free):
        services.book(slot.pk, PERSON, "ja")
    print(slot.pk)


def book(slot_id, threads):
    results = []
    barrier = threading.Barrier(threads)

    def one():
        barrier.wait()
        try:
            services.book(slot_id, PERSON, "ja")
            results.append("booked")
        except services.Unavailable as error:
            results.append(error.code)
        except Exception as error:  # the test fails on any of these: a visitor would have seen a 500
            results.append(f"error: {type(error).__name__}: {error}")
        finally:
            connections.close_all()

    workers = [threading.Thread(target=one) for _ in range(threads)]
    print("ready", flush=True)
    sys.stdin.readline()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(json.dumps(results))


def state(slot_id):
    slot = Slot.objects.get(pk=slot_id)
    confirmed = Booking.objects.filter(slot=slot, status=Status.CONFIRMED).count()
    print(json.dumps({"capacity": slot.capacity, "booked": slot.booked, "confirmed": confirmed}))


def cleanup(slot_id):
    Booking.objects.filter(slot_id=slot_id).delete()
    Slot.objects.filter(pk=slot_id).delete()


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"setup": setup, "book": book, "state": state, "cleanup": cleanup}[command](*map(int, args))
