"""The exchange between the editor and the author around a review, on Wagtail's own records:
the editor's comment is the TaskState's (« Demander des modifications »), the author's answer a
page log entry (so it is in the page's history like every workflow step)."""

from wagtail.models import PageLogEntry, WorkflowState

from .status import latest_editor_comments

REPLY_ACTION = "ppi.review_reply"
REPLY_MAX_LENGTH = 2000


def record_reply(page, user, text):
    text = (text or "").strip()[:REPLY_MAX_LENGTH]
    if text:
        PageLogEntry.objects.log_action(page, REPLY_ACTION, user=user, data={"reply": text})
    return text


def review_exchange(page):
    """{"state", "request" (TaskState with the editor's comment), "reply" (PageLogEntry)} for the
    page's current workflow, or None when no review is going on."""
    state = page.current_workflow_state
    if state is None:
        return None
    request = latest_editor_comments([page.pk]).get(page.pk)
    if request is not None and request.workflow_state_id != state.pk:
        request = None
    reply = None
    if request is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        reply = (
            PageLogEntry.objects.filter(page_id=page.pk, action=REPLY_ACTION, timestamp__gte=request.finished_at)
            .select_related("user")
            .order_by("-timestamp")
            .first()
        )
    return {
        "state": state,
        "needs_changes": state.status == WorkflowState.STATUS_NEEDS_CHANGES,
        "request": request,
        "reply": reply,
        "reply_text": reply.data.get("reply", "") if reply else "",
    }
