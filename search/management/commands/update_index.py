"""`manage.py update_index`: Wagtail's own index, then the site search index (search.index)."""

from wagtail.search.management.commands.update_index import Command as WagtailCommand

from search import index


class Command(WagtailCommand):
    help = WagtailCommand.help + " Then rebuild the site search index (FAQ entries and pages)."

    def handle(self, **options):
        super().handle(**options)
        index.rebuild(log=self.stdout.write)
