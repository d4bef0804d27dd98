"""Signed links: the visitor's cancel link (from the e-mail) and the confirmation page after booking.

django.core.signing with a salt per purpose and a timestamp: a link for one purpose does not work
for another, a changed character breaks the signature, and an old link expires. A link is
replayable by design (the page answers "already cancelled"), so it carries nothing secret.
"""

from django.core import signing

from . import conf

CANCEL = "booking.cancel"
DONE = "booking.done"


class LinkError(Exception):
    """`code` is "expired" or "invalid"."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def make(booking_id, purpose):
    return signing.dumps(booking_id, salt=purpose)


def read(token, purpose):
    """The booking id in a token made by `make`; raises LinkError."""
    max_age = conf.get("BOOKING_CANCEL_MAX_AGE" if purpose == CANCEL else "BOOKING_DONE_MAX_AGE")
    try:
        value = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkError("expired") from None
    except signing.BadSignature:
        raise LinkError("invalid") from None
    if not isinstance(value, int) or isinstance(value, bool):
        raise LinkError("invalid")
    return value
