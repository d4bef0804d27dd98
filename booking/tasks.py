from django_tasks import task

from .mail import send


@task()
def send_confirmation(booking_id):
    """The visitor's confirmation e-mail; the booking is already stored."""
    return send(booking_id, "confirmation")


@task()
def send_reminder(booking_id):
    """The reminder the day before (queued by `send_booking_reminders`)."""
    return send(booking_id, "reminder")
