"""Taking and freeing seats, and generating slots from the weekly patterns.

A seat is taken by one conditional UPDATE, `booked = booked + 1 WHERE booked < capacity`, as the
first statement of the transaction: PostgreSQL re-checks the condition on the locked row, SQLite
takes its write lock with it (a read first would let two writers deadlock on the lock upgrade),
so of two visitors racing for the last seat exactly one gets it. Freeing a seat is the same
UPDATE the other way, in the transaction that marks the booking cancelled, so it is free at once.
"""

import datetime
import logging

from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from . import conf
from .models import Booking, ClosedDay, Slot, Status, WeeklyPattern

logger = logging.getLogger(__name__)


class Unavailable(Exception):
    """The slot cannot be booked: `code` is unknown, past, taken or busy (see views.PROBLEMS)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def bookable(slot, now=None):
    """Whether a slot is open for booking now (published, far enough ahead)."""
    now = now or timezone.now()
    return slot.published and slot.starts_at > now + datetime.timedelta(minutes=conf.get("BOOKING_LEAD_MINUTES"))


def free_slots(now=None):
    """Slots a visitor can book now, soonest first."""
    now = now or timezone.now()
    lead = now + datetime.timedelta(minutes=conf.get("BOOKING_LEAD_MINUTES"))
    until = timezone.localdate(now) + datetime.timedelta(weeks=conf.get("BOOKING_WEEKS_AHEAD") + 1)
    return Slot.objects.free(lead).filter(date__lte=until)


def book(slot_id, data, language):
    """Take a seat in the slot for this person; raises Unavailable. Returns the stored Booking."""
    slot = Slot.objects.filter(pk=slot_id).first()
    if slot is None or not slot.published:
        raise Unavailable("unknown")
    if not bookable(slot):
        raise Unavailable("past")
    consent = bool(data.get("health_consent"))
    try:
        with transaction.atomic():
            taken = Slot.objects.filter(pk=slot.pk, published=True, booked__lt=F("capacity")).update(
                booked=F("booked") + 1
            )
            if not taken:
                raise Unavailable("taken")
            booking = Booking.objects.create(
                slot=slot,
                name=data["name"],
                phone=data.get("phone", ""),
                email=data.get("email", ""),
                language=language,
                health_consent=consent,
                health_consent_at=timezone.now() if consent else None,
                health_details=data.get("health_details", "") if consent else "",
            )
    except OperationalError:
        # SQLite's lock wait ran out under a burst of bookings: nothing was stored, the visitor tries again.
        logger.warning("Booking slot %s: database busy", slot.pk, exc_info=True)
        raise Unavailable("busy") from None
    if booking.email:
        queue("send_confirmation", booking.pk)
    return booking


def cancel(booking_id, by):
    """Cancel a confirmed booking and free its seat at once. False when it was not confirmed."""
    with transaction.atomic():
        changed = Booking.objects.filter(pk=booking_id, status=Status.CONFIRMED).update(
            status=Status.CANCELLED, cancelled_at=timezone.now(), cancelled_by=by
        )
        if changed:
            slot_id = Booking.objects.filter(pk=booking_id).values_list("slot_id", flat=True).get()
            Slot.objects.filter(pk=slot_id, booked__gt=0).update(booked=F("booked") - 1)
    return bool(changed)


def reconfirm(booking_id):
    """Staff put a cancelled booking back, if its slot still has a seat. False when it has none."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().filter(pk=booking_id).first()
        if booking is None or booking.status == Status.CONFIRMED:
            return booking is not None
        if not Slot.objects.filter(pk=booking.slot_id, booked__lt=F("capacity")).update(booked=F("booked") + 1):
            return False
        Booking.objects.filter(pk=booking_id).update(status=Status.CONFIRMED, cancelled_at=None, cancelled_by="")
    return True


def queue(task_name, booking_id):
    from . import tasks

    try:
        getattr(tasks, task_name).enqueue(booking_id)
    except Exception:
        # The booking is stored; staff see the unsent e-mail in the admin.
        logger.exception("Could not queue %s for booking %s", task_name, booking_id)


def generate_slots(weeks=None, today=None):
    """Slots from every active weekly pattern for the coming weeks, skipping closed days.

    Idempotent: a slot that exists (same date, time, kind and mode) is left as it is, so staff
    can unpublish or change one generated slot without it coming back. Returns the new slots.
    """
    weeks = conf.get("BOOKING_WEEKS_AHEAD") if weeks is None else weeks
    today = today or timezone.localdate()
    days = [today + datetime.timedelta(days=n) for n in range(1, weeks * 7 + 1)]
    closed = set(ClosedDay.objects.filter(date__in=days).values_list("date", flat=True))
    existing = set(Slot.objects.filter(date__in=days).values_list("date", "start", "kind", "mode"))
    new = []
    for pattern in WeeklyPattern.objects.filter(active=True):
        for day in days:
            key = (day, pattern.start, pattern.kind, pattern.mode)
            if day.weekday() != pattern.weekday or day in closed or key in existing:
                continue
            existing.add(key)
            new.append(
                Slot(
                    date=day,
                    start=pattern.start,
                    end=pattern.end,
                    kind=pattern.kind,
                    mode=pattern.mode,
                    capacity=pattern.capacity,
                    pattern=pattern,
                )
            )
    return Slot.objects.bulk_create(new)
