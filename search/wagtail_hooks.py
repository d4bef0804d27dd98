from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "検索の同義語"
    menu_order = 800
    add_to_admin_menu = True
    list_display = ["term", "synonyms"]
    search_fields = ["term", "synonyms"]


register_snippet(SynonymViewSet)
