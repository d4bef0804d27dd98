from django.core.management.base import BaseCommand

from home.seed.translations import export_templates


class Command(BaseCommand):
    help = "Write the repo's translation PO files from the current source content, keeping existing translations."

    def handle(self, *args, **options):
        for path in export_templates():
            self.stdout.write(str(path))
