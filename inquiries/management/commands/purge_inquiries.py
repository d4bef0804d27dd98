from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from inquiries import conf
from inquiries.models import Inquiry


class Command(BaseCommand):
    help = "Delete handled inquiries older than INQUIRY_RETENTION_DAYS (run daily, e.g. from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="override INQUIRY_RETENTION_DAYS")
        parser.add_argument("--dry-run", action="store_true", help="only count what would be deleted")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = conf.get("INQUIRY_RETENTION_DAYS") if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        # Unhandled inquiries are kept whatever their age: nobody has answered them yet.
        old = Inquiry.objects.filter(handled=True, created_at__lt=cutoff)
        if dry_run:
            self.stdout.write(f"{old.count()} handled inquiries older than {days} days would be deleted")
            return
        deleted, _ = old.delete()
        self.stdout.write(f"Deleted {deleted} handled inquiries older than {days} days")
