"""Queue tomorrow's reminder e-mails; meant for a daily timer (deploy/README.md). Safe to run again."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from booking.models import Booking, Status
from booking.services import queue


class Command(BaseCommand):
    help = "明日の予約のお知らせメールを、ワーカーに送らせます(1日1回、タイマーで実行)。"

    def handle(self, *args, **options):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        ids = list(
            Booking.objects.filter(status=Status.CONFIRMED, slot__date=tomorrow, reminder_sent_at__isnull=True)
            .exclude(email="")
            .values_list("pk", flat=True)
        )
        for booking_id in ids:
            queue("send_reminder", booking_id)
        self.stdout.write(f"{len(ids)} reminder(s) queued for {tomorrow:%Y-%m-%d}")
