"""Development only (`make setup`): a few weekly patterns and their slots for the next four weeks."""

import datetime

from django.core.management.base import BaseCommand

from booking.models import Kind, Mode, WeeklyPattern
from booking.services import generate_slots

DEMO_PATTERNS = [
    (0, "10:00", "11:00", Kind.VISIT, Mode.IN_PERSON, 3),
    (1, "14:00", "15:00", Kind.CONSULTATION, Mode.ONLINE, 1),
    (2, "10:00", "15:00", Kind.TRIAL, Mode.IN_PERSON, 2),
    (3, "14:00", "15:00", Kind.VISIT, Mode.IN_PERSON, 3),
    (4, "11:00", "12:00", Kind.CONSULTATION, Mode.IN_PERSON, 1),
]


class Command(BaseCommand):
    help = "開発用: 見学・相談・体験利用のデモの予約枠を、これから4週間分作ります(何度実行しても同じ)。"

    def handle(self, *args, **options):
        for weekday, start, end, kind, mode, capacity in DEMO_PATTERNS:
            WeeklyPattern.objects.get_or_create(
                weekday=weekday,
                start=datetime.time.fromisoformat(start),
                kind=kind,
                mode=mode,
                defaults={"end": datetime.time.fromisoformat(end), "capacity": capacity},
            )
        created = generate_slots(weeks=4)
        self.stdout.write(f"{len(created)} demo slot(s) created")
