"""The app's settings with their defaults; each can be set in Django settings."""

from django.conf import settings

DEFAULTS = {
    # Who gets the notification e-mail (a list of addresses). Empty: mail the ADMINS.
    "INQUIRY_NOTIFY_EMAILS": [],
    # Handled inquiries are deleted this many days after they arrived (purge_inquiries).
    "INQUIRY_RETENTION_DAYS": 365,
    # At most this many form posts per address in this many seconds.
    "INQUIRY_RATE_LIMIT": (8, 15 * 60),
    # Tries of a notification in the worker, and the first pause between them in seconds (doubled
    # each time; the pause is a deferred task, never a sleep). Where tasks run at once: one try.
    "INQUIRY_EMAIL_ATTEMPTS": 3,
    "INQUIRY_EMAIL_RETRY_DELAY": 30.0,
    # retry_inquiry_emails gives up on an inquiry after this many attempts in all.
    "INQUIRY_EMAIL_MAX_ATTEMPTS": 20,
    # The form is a few kilobytes; anything much larger is not a person typing.
    "INQUIRY_MAX_BODY_BYTES": 64 * 1024,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
