"""Where each write-up stands for its author, read from Wagtail's own workflow data
(WorkflowState, TaskState): brouillon, en relecture, modifications demandées, publié, à actualiser.
Computed for a list of pages in a fixed number of queries (dashboards list many)."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, TaskState, WorkflowState

from .follow_up import results_are_stale

DRAFT = "brouillon"
IN_REVIEW = "en relecture"
CHANGES_REQUESTED = "modifications demandées"
PUBLISHED = "publié"
TO_UPDATE = "à actualiser"


@dataclass
class PageStatus:
    label: str
    editor_comment: str = ""
    comment_by: object = None
    comment_at: object = None


def page_content_type_id():
    return ContentType.objects.get_for_model(Page).pk


def active_workflow_states(page_ids):
    """{page id: active WorkflowState} for these pages, with their current task state."""
    states = WorkflowState.objects.active().filter(
        base_content_type_id=page_content_type_id(), object_id__in=[str(pk) for pk in page_ids]
    ).select_related("current_task_state")
    return {int(state.object_id): state for state in states}


def latest_editor_comments(page_ids):
    """{page id: TaskState} holding the latest reviewer's comment on each page."""
    task_states = (
        TaskState.objects.filter(
            workflow_state__base_content_type_id=page_content_type_id(),
            workflow_state__object_id__in=[str(pk) for pk in page_ids],
            finished_at__isnull=False,
        )
        .exclude(comment="")
        .select_related("workflow_state", "finished_by")
        .order_by("finished_at")
    )
    return {int(ts.workflow_state.object_id): ts for ts in task_states}  # the latest wins


def statuses_for(pages):
    """{page id: PageStatus} for specific PracticePages."""
    ids = [page.pk for page in pages]
    states = active_workflow_states(ids)
    comments = latest_editor_comments(ids)
    result = {}
    for page in pages:
        state = states.get(page.pk)
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            label = CHANGES_REQUESTED
        elif state is not None:
            label = IN_REVIEW
        elif page.live and results_are_stale(page):
            label = TO_UPDATE
        elif page.live:
            label = PUBLISHED
        else:
            label = DRAFT
        task_state = comments.get(page.pk)
        result[page.pk] = PageStatus(
            label,
            editor_comment=task_state.comment if task_state else "",
            comment_by=task_state.finished_by if task_state else None,
            comment_at=task_state.finished_at if task_state else None,
        )
    return result
