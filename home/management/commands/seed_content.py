from django.core.management.base import BaseCommand

from home.seed.loader import Seeder


class Command(BaseCommand):
    help = (
        "Load the office's seed content and its easy-Japanese and English translations "
        "(idempotent: existing pages and translations are left untouched)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update-translations",
            action="store_true",
            help="Re-import every translation PO file from the repo and republish complete translations.",
        )

    def handle(self, *args, **options):
        seeder = Seeder(update_translations=options["update_translations"])
        created = seeder.run()
        report = seeder.translation_report
        if created:
            self.stdout.write(self.style.SUCCESS(f"Seeded {len(created)} pages."))
        if report.published:
            self.stdout.write(self.style.SUCCESS(f"Published {len(report.published)} translations."))
        for name, missing in report.incomplete.items():
            self.stdout.write(
                self.style.WARNING(f"{name}: {len(missing)} untranslated segments, left as a draft: {missing[:5]}")
            )
        for name, warnings in report.warnings.items():
            self.stdout.write(self.style.WARNING(f"{name}: PO import warnings: {warnings[:5]}"))
        if not created and not report.published and options["verbosity"] >= 1:
            self.stdout.write("Seed content already present; nothing changed.")
