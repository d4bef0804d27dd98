"""The office details under review: publishers' publish and lock permissions on them, and the
review workflow assigned to them (install_roles is idempotent)."""

from django.db import migrations


def office_review(apps, schema_editor):
    from editorial.roles import install_roles

    install_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0001_staff_roles"), ("core", "0003_office_first_revision")]

    operations = [migrations.RunPython(office_review, migrations.RunPython.noop)]
