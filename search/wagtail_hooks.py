"""Admin registrations of search: the synonym groups editors maintain (a snippet)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .synonyms import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = "Synonymes"
    menu_name = "synonymes"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["terms", "note", "updated_at"]
    ordering = ["terms"]


register_snippet(SynonymGroupViewSet)
