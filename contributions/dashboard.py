"""The dashboard panels, built on Wagtail's own ones and its workflow data.

- Editors: the review queue (Wagtail's « awaiting your review » panel, only task states in
  progress, so never a page sent back for changes; oldest first, with author, commune and
  waiting time), the pages sent back for changes, what was published lately.
- Contributors: « Rédiger un retour d'expérience » and « Mes retours d'expérience » with the
  status and the editor's latest comment (it replaces Wagtail's « your pages in a workflow »).
"""

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import WorkflowState

from practices.models import PracticeIndexPage, PracticePage

from .follow_up import stale_practices
from .ownership import takeover_candidates
from .status import CHANGES_REQUESTED, TO_UPDATE, page_content_type_id, statuses_for


def is_editor(user):
    """Editors and administrators."""
    return user.is_superuser or user.has_perm("wagtailsearchpromotions.view_query")


def practice_index_for(user):
    """The practice index the user may write under, or None."""
    index = PracticeIndexPage.objects.first()
    if index is not None and index.permissions_for_user(user).can_add_subpage():
        return index
    return None


def new_practice_url(index):
    return reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk])


class ReviewQueuePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's own queue (TaskState.reviewable_by: task states in progress that the user can
    act on), shown oldest first with what an editor needs to triage."""

    template_name = "wagtailadmin/dashboard/review_queue.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = sorted(context["states"], key=lambda state: state["task_state"].started_at)
        practices = PracticePage.objects.select_related("owner", "commune__department").in_bulk(
            [state["obj"].pk for state in states]
        )
        now = timezone.now()
        for state in states:
            state["practice"] = practices.get(state["obj"].pk)
            state["waiting_days"] = (now - state["task_state"].started_at).days
        context["states"] = states
        return context


class ChangesRequestedPanel(Component):
    """Pages an editor sent back, with the comment, for the editors to follow up."""

    name = "ppi_changes_requested"
    template_name = "wagtailadmin/dashboard/changes_requested.html"
    order = 92

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = list(
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_NEEDS_CHANGES, base_content_type_id=page_content_type_id()
            )
            .select_related("current_task_state__finished_by")
            .order_by("current_task_state__finished_at")
        )
        pages = PracticePage.objects.select_related("owner", "commune").in_bulk([int(s.object_id) for s in states])
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


class StaleResultsPanel(Component):
    """Published write-ups whose results are older than the last follow-up delay: « à actualiser »."""

    name = "ppi_stale_results"
    template_name = "wagtailadmin/dashboard/stale_results.html"
    order = 96

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        stale = stale_practices().select_related("owner", "commune")
        context["count"] = stale.count()
        context["pages"] = list(stale[:10])
        return context


class WriteActionPanel(Component):
    """The contributor's way in: one button to the guided form under the practice index."""

    name = "ppi_write_action"
    template_name = "wagtailadmin/dashboard/write_action.html"
    order = 10

    def __init__(self, index):
        self.index = index

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["add_url"] = new_practice_url(self.index)
        return context


class MyPracticesPanel(Component):
    name = "ppi_my_practices"
    template_name = "wagtailadmin/dashboard/my_practices.html"
    order = 20

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        pages = list(
            PracticePage.objects.filter(owner=self.user).select_related("commune").order_by("-latest_revision_created_at")
        )
        statuses = statuses_for(pages)
        context["rows"] = [(page, statuses[page.pk]) for page in pages]
        context["changes_requested"] = CHANGES_REQUESTED
        context["to_update"] = TO_UPDATE
        context["takeover"] = takeover_candidates(self.user)
        return context


def dashboard_panels(request, panels):
    user = request.user
    if is_editor(user):
        # Wagtail's own review panel is replaced by the same panel, sorted and with more columns.
        panels[:] = [p for p in panels if p.name != WorkflowObjectsToModeratePanel.name]
        panels[:0] = [ReviewQueuePanel(), ChangesRequestedPanel(), RecentlyPublishedPanel(), StaleResultsPanel()]
        return
    index = practice_index_for(user)
    if index is not None:
        panels[:] = [p for p in panels if p.name != "user_objects_in_workflow_moderation"]
        panels[:0] = [WriteActionPanel(index), MyPracticesPanel(user)]

