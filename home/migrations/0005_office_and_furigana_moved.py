"""Office and FuriganaOverride now live in the core and language apps (their migrations moved the
tables); here they only leave the home app's state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_page_search_keywords"),
        ("core", "0001_initial"),
        ("language", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel("Office"), migrations.DeleteModel("FuriganaOverride")]
        ),
    ]
