"""The editors' dashboard panels: the review queue and what was published lately (the searches
that found nothing are search/'s panel)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from practices.models import PracticePage


def is_editor(user):
    """Editors and administrators."""
    return user.is_superuser or user.has_perm("wagtailsearchpromotions.view_query")


class AwaitingReviewPanel(Component):
    name = "ppi_awaiting_review"
    template_name = "wagtailadmin/dashboard/awaiting_review.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page_type = ContentType.objects.get_for_model(PracticePage)
        states = list(
            WorkflowState.objects.active()
            .filter(content_type=page_type)
            .select_related("requested_by", "current_task_state")
            .order_by("created_at")[:20]
        )
        pages = PracticePage.objects.in_bulk([int(state.object_id) for state in states])
        context["rows"] = [
            (state, pages[int(state.object_id)]) for state in states if int(state.object_id) in pages
        ]
        return context


class RecentlyPublishedPanel(Component):
    name = "ppi_recently_published"
    template_name = "wagtailadmin/dashboard/recently_published.html"
    order = 95

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["pages"] = list(
            PracticePage.objects.live().select_related("owner").order_by("-last_published_at")[:8]
        )
        return context


def editor_panels(request, panels):
    if is_editor(request.user):
        panels[:0] = [AwaitingReviewPanel(), RecentlyPublishedPanel()]
