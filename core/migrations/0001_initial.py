"""Office moves here from the home app: the table, its rows and its content type stay.

The content type keeps its id (only its app label changes), so permissions, revisions, logs and
wagtail-localize's translation sources that point to it keep working.
"""

import django.db.models.deletion
import uuid
from django.db import migrations, models


def rename_table(old, new):
    def run(apps, schema_editor):
        quote = schema_editor.quote_name
        schema_editor.execute(schema_editor.sql_rename_table % {"old_table": quote(old), "new_table": quote(new)})

    return run


def move_content_type(old_app, new_app):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        if not ContentType.objects.filter(app_label=new_app, model="office").exists():
            ContentType.objects.filter(app_label=old_app, model="office").update(app_label=new_app)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0004_page_search_keywords"),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Office',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('translation_key', models.UUIDField(default=uuid.uuid4, editable=False)),
                        ('name', models.CharField(max_length=100, verbose_name='事業所名')),
                        ('phone', models.CharField(help_text='例: 048-812-8677(ハイフン付き)', max_length=20, verbose_name='電話番号')),
                        ('hours_days', models.CharField(help_text='例: 平日', max_length=40, verbose_name='受付日')),
                        ('hours_start', models.TimeField(verbose_name='受付開始時刻')),
                        ('hours_end', models.TimeField(verbose_name='受付終了時刻')),
                        ('call_to_action', models.TextField(help_text='全ページの連絡先の欄に表示する一文です。', verbose_name='お問い合わせの呼びかけ')),
                        ('phone_advice', models.TextField(blank=True, help_text='電話を先におすすめする理由を短く書きます。', verbose_name='電話をおすすめする理由')),
                        ('locale', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale')),
                    ],
                    options={
                        'verbose_name': '事業所情報',
                        'verbose_name_plural': '事業所情報',
                        'abstract': False,
                        'unique_together': {('translation_key', 'locale')},
                    },
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    rename_table("home_office", "core_office"), rename_table("core_office", "home_office")
                )
            ],
        ),
        migrations.RunPython(move_content_type("home", "core"), move_content_type("core", "home")),
    ]
