from django.core.management.base import BaseCommand

from inquiries import conf
from inquiries.models import Inquiry
from inquiries.services import queue_notification


class Command(BaseCommand):
    help = "Queue the staff notification again for inquiries whose e-mail has not gone out (run every few minutes)."

    def handle(self, *args, **options):
        unsent = Inquiry.objects.filter(email_sent=False, email_attempts__lt=conf.get("INQUIRY_EMAIL_MAX_ATTEMPTS"))
        count = 0
        for inquiry in unsent.order_by("created_at"):
            queue_notification(inquiry, retries=False)
            count += 1
        sent = Inquiry.objects.filter(pk__in=[i.pk for i in unsent], email_sent=True).count()
        self.stdout.write(f"Retried {count} unsent notifications; {sent} sent now")
