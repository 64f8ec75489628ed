"""Admin registrations of contribution and review: the editors' dashboard panels, the project
lead's public profile, inviting a project lead."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .dashboard import editor_panels
from .document_access import before_serve_document, chooser_documents
from .invitations import can_invite, invite_view
from .profiles import ProjectLeadProfilePanel


@hooks.register("construct_homepage_panels")
def add_editor_panels(request, panels):
    editor_panels(request, panels)


@hooks.register("register_account_settings_panel")
def profile_panel(request, user, profile):
    return ProjectLeadProfilePanel(request, user, profile)


@hooks.register("register_admin_urls")
def invitation_urls():
    return [path("inviter/", invite_view, name="ppi_invitations")]


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
