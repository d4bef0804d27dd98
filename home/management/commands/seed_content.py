from django.core.management.base import BaseCommand

from home.seed.loader import Seeder


class Command(BaseCommand):
    help = "Load the office's seed content (idempotent: existing pages are left untouched)."

    def handle(self, *args, **options):
        created = Seeder(log=self.stdout.write).run()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Seeded {len(created)} pages."))
        else:
            self.stdout.write("Seed content already present; nothing changed.")
