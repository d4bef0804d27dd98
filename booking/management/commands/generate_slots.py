"""Make slots from the weekly patterns for the coming weeks (skipping closed days). Idempotent."""

from django.core.management.base import BaseCommand

from booking import conf
from booking.services import generate_slots


class Command(BaseCommand):
    help = "毎週の予約枠の型から、これからの予約枠を作ります(休業日は除きます)。"

    def add_arguments(self, parser):
        parser.add_argument("--weeks", type=int, default=conf.get("BOOKING_WEEKS_AHEAD"))

    def handle(self, *args, weeks, **options):
        created = generate_slots(weeks)
        self.stdout.write(f"{len(created)} slot(s) created for the next {weeks} week(s)")
