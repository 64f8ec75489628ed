"""Search's part of the editors' dashboard: the searches that found nothing (what to write,
promote or add a synonym for)."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .stats import top_zero_result_searches


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
