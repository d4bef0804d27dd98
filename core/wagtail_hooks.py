from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forbidden import Forbidden403ViewSetMixin
from .models import Office


class OfficeViewSet(Forbidden403ViewSetMixin, SnippetViewSet):
    """Drafts, history, rollback, locking and the review workflow come with the model's mixins."""

    model = Office
    icon = "home"
    list_display = ["name", "locale", "phone"]


register_snippet(OfficeViewSet)
