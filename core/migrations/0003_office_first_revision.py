"""Existing office details stay live, each with a first revision (what the history and a later
rollback start from), as if a publisher had published them when this migration ran."""

from django.db import migrations
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields


def first_revisions(apps, schema_editor):
    Office = apps.get_model("core", "Office")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="core", model="office")
    now = timezone.now()
    for office in Office.objects.filter(latest_revision__isnull=True):
        revision = Revision.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(office.pk),
            created_at=now,
            content={**get_serializable_data_for_fields(office), "live": True, "has_unpublished_changes": False},
            object_str=office.name,
        )
        Office.objects.filter(pk=office.pk).update(
            live=True,
            has_unpublished_changes=False,
            latest_revision=revision,
            live_revision=revision,
            first_published_at=now,
            last_published_at=now,
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_office_under_review")]

    operations = [migrations.RunPython(first_revisions, migrations.RunPython.noop)]
