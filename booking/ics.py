"""An iCalendar (RFC 5545) event for a booking, so that the visitor's calendar app can add it."""

import datetime

from django.conf import settings

PRODUCT = "-//career-support-partners//booking//JA"


def escape(text):
    text = str(text).replace("\r\n", "\n")
    for char, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(char, escaped)
    return text


def fold(line):
    """Lines of at most 75 octets, continued with a space (RFC 5545 3.1), never splitting a character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current)
            current = b""
        current += encoded
    out.append(current)
    return b"\r\n ".join(out).decode()


def utc(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event(booking, summary, description, location):
    slot = booking.slot
    host = settings.WAGTAILADMIN_BASE_URL.split("//", 1)[-1].split("/", 1)[0]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:booking-{booking.pk}@{host}",
        f"DTSTAMP:{utc(booking.created_at)}",
        f"DTSTART:{utc(slot.starts_at)}",
        f"DTEND:{utc(slot.ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(description)}",
        *([f"LOCATION:{escape(location)}"] if location else []),
        "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
