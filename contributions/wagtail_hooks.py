"""Admin registrations of contribution and review: the dashboards (editors' queue, contributor's
home), « Rédiger un retour d'expérience » in the menu, the author's answer to a review, changes
of owner, the project lead's public profile, inviting a project lead."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from practices.models import PracticePage

from .dashboard import dashboard_panels, is_editor, new_practice_url, practice_index_for
from .document_access import before_serve_document, chooser_documents
from .invitations import can_invite, invite_view
from .ownership import OWNER_CHANGED
from .ownership_views import reassign_view, take_over_view
from .profiles import ProjectLeadProfilePanel
from .review import REPLY_ACTION, record_reply


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    dashboard_panels(request, panels)


@hooks.register("register_account_settings_panel")
def profile_panel(request, user, profile):
    return ProjectLeadProfilePanel(request, user, profile)


@hooks.register("register_admin_urls")
def contribution_urls():
    return [
        path("inviter/", invite_view, name="ppi_invitations"),
        path("pratiques/<int:page_id>/reprendre/", take_over_view, name="ppi_take_over"),
        path("pratiques/<int:page_id>/responsable/", reassign_view, name="ppi_reassign"),
    ]


class InvitationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_invite(request.user)


@hooks.register("register_admin_menu_item")
def invitation_menu_item():
    return InvitationMenuItem(_("Inviter un chef de projet"), reverse("ppi_invitations"), icon_name="user", order=900)


@hooks.register("before_serve_document")
def documents_of_unpublished_drafts_stay_private(document, request):
    return before_serve_document(document, request)


@hooks.register("construct_document_chooser_queryset")
def project_leads_choose_their_own_documents(documents, request):
    return chooser_documents(documents, request)
class WriteMenuItem(MenuItem):
    """Opens the guided form under the practice index (the URL depends on the index's id)."""

    def is_shown(self, request):
        return practice_index_for(request.user) is not None

    def render_component(self, request):
        index = practice_index_for(request.user)
        self.url = new_practice_url(index) if index else ""
        return super().render_component(request)


@hooks.register("register_admin_menu_item")
def write_menu_item():
    return WriteMenuItem(_("Rédiger un retour d'expérience"), "", icon_name="edit", order=50)


@hooks.register("before_edit_page")
def keep_review_reply(request, page):
    """The author's answer to the editor's request, typed in the banner of the edit page; kept
    before the edit runs, so that the resubmission e-mail to the editors carries it."""
    # Not on autosave requests (JSON): the answer is kept once, when the author saves or resubmits.
    if request.method == "POST" and request.accepts("text/html"):
        record_reply(page, request.user, request.POST.get("ppi_review_reply"))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(REPLY_ACTION)
    class ReplyFormatter(LogFormatter):
        label = _("Réponse à la demande de modifications")
        message = _("Réponse à la demande de modifications")

        def format_comment(self, log_entry):
            return log_entry.data.get("reply", "")

    actions.register_action(OWNER_CHANGED, _("Changement de responsable"), _("Changement de responsable"))


@hooks.register("register_page_header_buttons")
def reassign_button(page, user, view_name, next_url=None):
    if page.specific_class is not None and issubclass(page.specific_class, PracticePage) and is_editor(user):
        yield Button(_("Changer de responsable"), reverse("ppi_reassign", args=[page.pk]), icon_name="user", priority=40)


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("contributions/css/admin.css"))
