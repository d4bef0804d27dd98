from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """Staff roles, the review workflow, translation status and the editor's content checks."""

    name = "editorial"
    verbose_name = "編集と公開"
