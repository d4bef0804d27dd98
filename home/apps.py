from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .site_address import apply_site_address

        # After wagtail's own migrations have run (any app's post_migrate comes after all of them).
        post_migrate.connect(apply_site_address, sender=self)
