"""FuriganaOverride moves here from the home app: the table, its rows and its content type stay.

The content type keeps its id (only its app label changes), so permissions, revisions, logs and
wagtail-localize's translation sources that point to it keep working.
"""

from django.db import migrations, models


def rename_table(old, new):
    def run(apps, schema_editor):
        quote = schema_editor.quote_name
        schema_editor.execute(schema_editor.sql_rename_table % {"old_table": quote(old), "new_table": quote(new)})

    return run


def move_content_type(old_app, new_app):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        if not ContentType.objects.filter(app_label=new_app, model="furiganaoverride").exists():
            ContentType.objects.filter(app_label=old_app, model="furiganaoverride").update(app_label=new_app)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0004_page_search_keywords"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='FuriganaOverride',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('word', models.CharField(help_text='読みを指定する語句です(例: お持ちの方、春日部市)。', max_length=40, unique=True, verbose_name='語句')),
                        ('reading', models.CharField(help_text='語句全体の読みをひらがなで入力します。', max_length=80, verbose_name='読み(ひらがな)')),
                        ('note', models.CharField(blank=True, max_length=200, verbose_name='メモ')),
                    ],
                    options={
                        'verbose_name': 'ふりがなの読み',
                        'verbose_name_plural': 'ふりがなの読み',
                        'ordering': ['word'],
                    },
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    rename_table("home_furiganaoverride", "language_furiganaoverride"), rename_table("language_furiganaoverride", "home_furiganaoverride")
                )
            ],
        ),
        migrations.RunPython(move_content_type("home", "language"), move_content_type("language", "home")),
    ]
