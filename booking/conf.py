"""The app's settings with their defaults; each can be set in Django settings."""

from django.conf import settings

DEFAULTS = {
    # A slot can be booked until this many minutes before it starts.
    "BOOKING_LEAD_MINUTES": 60,
    # How far ahead visitors see slots, and how many weeks `generate_slots` makes by default.
    "BOOKING_WEEKS_AHEAD": 4,
    # The signed cancel link works this long (and never after the slot has started).
    "BOOKING_CANCEL_MAX_AGE": 90 * 24 * 3600,
    # The confirmation page after booking can be reloaded for this long.
    "BOOKING_DONE_MAX_AGE": 24 * 3600,
    # Attempts to send one e-mail, and the first pause between them (doubled each time).
    "BOOKING_EMAIL_ATTEMPTS": 3,
    "BOOKING_EMAIL_RETRY_DELAY": 1.0,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
