"""Admin registrations of the domain: the curated lists editors manage as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Funder, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thématiques")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]


class FunderChooserViewSet(SnippetChooserViewSet):
    # Eleven funders read better in a plain select than in a modal: keep Django's widget.
    register_widget = False


class FunderViewSet(SnippetViewSet):
    model = Funder
    icon = "doc-full"
    menu_label = _("Financeurs")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]
    chooser_viewset_class = FunderChooserViewSet


register_snippet(ThemeViewSet)
register_snippet(FunderViewSet)
