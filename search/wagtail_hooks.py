from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.forbidden import Forbidden403ViewSetMixin

from .models import IndexFailure, Synonym


class SynonymViewSet(Forbidden403ViewSetMixin, SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "検索の同義語"
    menu_order = 800
    add_to_admin_menu = True
    list_display = ["term", "synonyms"]
    search_fields = ["term", "synonyms"]


register_snippet(SynonymViewSet)


class IndexFailurePanel(Component):
    """On the dashboard of staff who publish: pages whose search index could not be updated."""

    name = "search_index_failures"
    order = 40
    template_name = "search/index_failures_panel.html"

    def __init__(self, failures):
        self.failures = failures

    def get_context_data(self, parent_context=None):
        return {"failures": self.failures}


@hooks.register("construct_homepage_panels")
def add_index_failures(request, panels):
    if not PagePermissionPolicy().user_has_any_permission(request.user, ["publish"]):
        return
    failures = list(IndexFailure.objects.all()[:20])
    if failures:
        panels.append(IndexFailurePanel(failures))
