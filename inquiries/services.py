"""Saving an inquiry, e-mailing staff about it, and limiting how often one address may post."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from core.http import client_address

from . import conf
from .models import Inquiry

logger = logging.getLogger(__name__)


def save_inquiry(cleaned_data, language):
    """Store the submission first; the e-mail comes after and may fail without losing it."""
    consent = bool(cleaned_data.get("health_consent"))
    inquiry = Inquiry.objects.create(
        purpose=cleaned_data["purpose"],
        name=cleaned_data["name"],
        phone=cleaned_data.get("phone", ""),
        email=cleaned_data.get("email", ""),
        preferred_times=cleaned_data.get("preferred_times", ""),
        message=cleaned_data.get("message", ""),
        health_consent=consent,
        health_consent_at=timezone.now() if consent else None,
        health_details=cleaned_data.get("health_details", "") if consent else "",
        language=language,
    )
    queue_notification(inquiry)
    return inquiry


def queue_notification(inquiry, retries=True):
    """Queue the staff e-mail. retries=False: a single try (retry_inquiry_emails' cron is the backoff)."""
    from core.tasks import enqueue

    from .tasks import notify_staff

    # If the queue is down the inquiry is still stored and shows as unsent; retry_inquiry_emails sends it.
    attempt = 1 if retries else conf.get("INQUIRY_EMAIL_ATTEMPTS")
    enqueue(notify_staff, inquiry.pk, attempt=attempt)


def recipients():
    return list(conf.get("INQUIRY_NOTIFY_EMAILS")) or [address for _name, address in settings.ADMINS]


def notification_text(inquiry):
    # Only what staff need to know that something arrived: the personal details (and any health
    # information) stay in the database and are read in the admin, never sent through mail servers.
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("inquiries:inspect", args=[inquiry.pk])
    return (
        "ウェブサイトから新しいお問い合わせがありました。\n\n"
        f"受付番号: {inquiry.pk}\n"
        f"受付日時: {timezone.localtime(inquiry.created_at):%Y-%m-%d %H:%M}\n"
        f"ご用件: {inquiry.get_purpose_display()}\n"
        f"ページの言語: {inquiry.language}\n\n"
        f"内容は管理画面で確認してください:\n{url}\n"
    )


def send_notification(inquiry_id):
    """Try once to e-mail staff, recording a failure on the inquiry. True when sent (now or before).

    Retries are the task's business (inquiries/tasks.py): nothing here waits.
    """
    inquiry = Inquiry.objects.filter(pk=inquiry_id).first()
    if inquiry is None or inquiry.email_sent:
        return inquiry is not None
    try:
        to = recipients()
        if not to:
            raise ImproperlyConfigured("No recipients: set INQUIRY_NOTIFY_EMAILS or ADMINS")
        send_mail(
            f"[お問い合わせ] {inquiry.get_purpose_display()} (受付番号 {inquiry.pk})",
            notification_text(inquiry),
            None,
            to,
            fail_silently=False,
        )
    except Exception as error:
        logger.warning(
            "Notification for inquiry %s failed (attempt %s): %r", inquiry.pk, inquiry.email_attempts + 1, error
        )
        Inquiry.objects.filter(pk=inquiry.pk).update(
            email_attempts=F("email_attempts") + 1, email_last_error=f"{type(error).__name__}: {error}"[:1000]
        )
        return False
    Inquiry.objects.filter(pk=inquiry.pk).update(
        email_sent=True, email_sent_at=timezone.now(), email_attempts=F("email_attempts") + 1
    )
    return True


def over_rate_limit(request):
    """Count this post against its address; True when the address has posted too often."""
    limit, window = conf.get("INQUIRY_RATE_LIMIT")
    key = "inquiry-posts:" + hashlib.sha256(client_address(request).encode()).hexdigest()
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
