from django.apps import AppConfig


class LanguageConfig(AppConfig):
    name = "language"
    verbose_name = "言語"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
