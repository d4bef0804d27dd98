"""The visitor's e-mails, in the language they booked in: the confirmation (with an .ics event and the
cancel link) and the reminder the day before. Sent by tasks.py in the worker."""

import logging
import time

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.models import Office
from language.text import clock_range, long_date

from . import conf, ics, links
from .models import Booking, Mode, Status

logger = logging.getLogger(__name__)


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def cancel_url(booking):
    return absolute(reverse("booking:cancel", args=[links.make(booking.pk, links.CANCEL)]))


def office_for(booking):
    locale = Locale.objects.filter(language_code=booking.language).first() or Locale.get_default()
    return Office.for_locale(locale)


def how_to_come(booking, office):
    if booking.slot.mode == Mode.ONLINE:
        return (office.online_guide if office else "") or _(
            "参加のしかた(オンラインの会議のURLなど)は、前の日までにメールかお電話でお知らせします。"
        )
    return (office.access if office else "") or _("行き方は、ウェブサイトのお問い合わせのページをご覧ください。")


def details(booking, office):
    """The lines every e-mail repeats: what, when, how, and how to cancel or ask."""
    slot = booking.slot
    language = booking.language
    lines = [
        f"{_('予約番号')}: {booking.pk}",
        f"{_('内容')}: {slot.get_kind_display()}",
        f"{_('場所')}: {slot.get_mode_display()}",
        f"{_('日にち')}: {long_date(slot.date, language, year=True)}",
        f"{_('時間')}: {clock_range(slot.start, slot.end, language)}",
        "",
        _("来かた・参加のしかた") + ":",
        how_to_come(booking, office),
        "",
        _("予約を取り消すときは、次のページを開いてください(電話は要りません):"),
        cancel_url(booking),
    ]
    if office:
        lines += ["", f"{office.name}", f"{_('電話')}: {office.phone}"]
    return "\n".join(lines)


def confirmation(booking):
    with translation.override(booking.language):
        office = office_for(booking)
        kind = booking.slot.get_kind_display()
        subject = _("【予約を受け付けました】%(kind)s %(date)s") % {
            "kind": kind,
            "date": long_date(booking.slot.date, booking.language),
        }
        body = "\n".join(
            [
                _("%(name)s様") % {"name": booking.name},
                "",
                _("ご予約ありがとうございます。次の内容で受け付けました。"),
                "",
                details(booking, office),
                "",
                _("このメールに添付したファイルを開くと、カレンダーに予定を入れられます。"),
            ]
        )
        summary = f"{kind} – {office.name}" if office else kind
        event = ics.event(booking, summary, details(booking, office), office.name if office else "")
    message = EmailMessage(subject, body, None, [booking.email])
    message.attach("booking.ics", event, "text/calendar; charset=utf-8; method=PUBLISH")
    return message


def reminder(booking):
    with translation.override(booking.language):
        office = office_for(booking)
        subject = _("【明日のご予約】%(kind)s %(date)s") % {
            "kind": booking.slot.get_kind_display(),
            "date": long_date(booking.slot.date, booking.language),
        }
        body = "\n".join(
            [
                _("%(name)s様") % {"name": booking.name},
                "",
                _("明日のご予約のお知らせです。お会いできるのを楽しみにしています。"),
                "",
                details(booking, office),
            ]
        )
    return EmailMessage(subject, body, None, [booking.email])


def send(booking_id, kind):
    """Send the confirmation or reminder a few times; the time sent is stored. True when sent (or not needed)."""
    booking = Booking.objects.select_related("slot").filter(pk=booking_id).first()
    if booking is None or not booking.email or booking.status != Status.CONFIRMED:
        return False
    field = "confirmation_sent_at" if kind == "confirmation" else "reminder_sent_at"
    # Claimed before sending, so that a task queued twice (a timer run twice) mails once.
    if not Booking.objects.filter(pk=booking.pk, **{f"{field}__isnull": True}).update(**{field: timezone.now()}):
        return True
    message = confirmation(booking) if kind == "confirmation" else reminder(booking)
    attempts, delay = conf.get("BOOKING_EMAIL_ATTEMPTS"), conf.get("BOOKING_EMAIL_RETRY_DELAY")
    for attempt in range(attempts):
        try:
            message.send(fail_silently=False)
        except Exception as error:
            logger.warning("Booking %s %s e-mail failed (attempt %s): %r", booking.pk, kind, attempt + 1, error)
            Booking.objects.filter(pk=booking.pk).update(email_last_error=f"{type(error).__name__}: {error}"[:1000])
            if attempt + 1 < attempts:
                time.sleep(delay * 2**attempt)
            continue
        return True
    Booking.objects.filter(pk=booking.pk).update(**{field: None})  # unsent: a later run tries again
    return False
