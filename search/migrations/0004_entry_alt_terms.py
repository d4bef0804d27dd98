import uuid

from django.db import migrations, models


def link_existing(apps, schema_editor):
    """Fill alt_terms of the existing easy-Japanese FAQ rows from the ja rows of the same block id
    (as search.index.link_siblings does; `manage.py update_index` does the same)."""
    SearchEntry = apps.get_model("search", "SearchEntry")
    Locale = apps.get_model("wagtailcore", "Locale")
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    rows = list(SearchEntry.objects.filter(kind="faq"))
    ja = {r.key: r for r in rows if codes.get(r.locale_id) == "ja"}
    changed = []
    for row in rows:
        source = ja.get(row.key) if codes.get(row.locale_id) == "ja-x-easy" else None
        if source is not None:
            row.alt_terms = f"{source.title_terms} {source.body_terms}".strip()
            changed.append(row)
    SearchEntry.objects.bulk_update(changed, ["alt_terms"], batch_size=500)
    IndexState = apps.get_model("search", "IndexState")
    for locale_id in codes:
        IndexState.objects.update_or_create(name=f"entries:{locale_id}", defaults={"version": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_more_default_synonyms"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="alt_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(link_existing, migrations.RunPython.noop),
    ]
