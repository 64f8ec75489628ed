"""Search's part of the admin: the synonym groups editors maintain (a snippet), the searches
that found nothing on the editors' dashboard (what to write, promote or add a synonym for), and
the « Statistiques de recherche » report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import SearchStatisticsView
from .stats import top_zero_result_searches
from .synonyms import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("Synonymes")
    menu_name = "synonymes"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["terms", "note", "updated_at"]
    ordering = ["terms"]


register_snippet(SynonymGroupViewSet)


def can_read_statistics(user):
    return user.is_superuser or user.has_perm("wagtailsearchpromotions.view_query")


class ZeroResultSearchesPanel(Component):
    name = "ppi_zero_result_searches"
    template_name = "wagtailadmin/dashboard/zero_result_searches.html"
    order = 96

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["searches"] = top_zero_result_searches(days=30, limit=10)
        return context


@hooks.register("construct_homepage_panels")
def add_zero_result_panel(request, panels):
    if can_read_statistics(request.user):
        panels.append(ZeroResultSearchesPanel())


@hooks.register("register_admin_urls")
def statistics_urls():
    return [
        path("statistiques-recherche/", SearchStatisticsView.as_view(), name="ppi_search_statistics"),
        path(
            "statistiques-recherche/resultats/",
            SearchStatisticsView.as_view(results_only=True),
            name="ppi_search_statistics_results",
        ),
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_statistics(request.user)


@hooks.register("register_reports_menu_item")
def statistics_menu_item():
    return StatisticsMenuItem(_("Statistiques de recherche"), reverse("ppi_search_statistics"), icon_name="search", order=50)


@hooks.register("construct_reports_menu")
def hide_raw_search_terms(request, menu_items):
    # Wagtail's "search terms" report counts raw queries, which the search page no longer
    # records: the statistics above replace it.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
