from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project package as an app, for its template overrides and the chooser nonce patch."""

    name = "cms"
    label = "cms"

    def ready(self):
        from . import wagtail_chooser_nonce

        wagtail_chooser_nonce.apply()
