"""Admin registrations: the commune picker, the curated lists editors manage as snippets."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .commune_chooser import commune_chooser_viewset
from .dashboard import editor_panels
from .featuring import can_feature, feature_view, home_for, is_on_home
from .invitations import can_invite, invite_view
from .models import Funder, PracticePage, Theme
from .profiles import ProjectLeadProfilePanel


@hooks.register("register_admin_viewset")
def register_commune_chooser():
    return commune_chooser_viewset


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


@hooks.register("construct_homepage_panels")
def add_editor_panels(request, panels):
    editor_panels(request, panels)


@hooks.register("register_account_settings_panel")
def profile_panel(request, user, profile):
    return ProjectLeadProfilePanel(request, user, profile)


@hooks.register("register_admin_urls")
def invitation_urls():
    return [
        path("inviter/", invite_view, name="ppi_invitations"),
        path("pratiques/<int:page_id>/a-la-une/", feature_view, name="ppi_feature"),
    ]


class InvitationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_invite(request.user)


@hooks.register("register_admin_menu_item")
def invitation_menu_item():
    return InvitationMenuItem(_("Inviter un chef de projet"), reverse("ppi_invitations"), icon_name="user", order=900)


def _feature_button(page, user, next_url=None):
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, PracticePage) or not page.live:
        return
    if not can_feature(user, page):
        return
    label = _("Retirer de la une") if is_on_home(page, home_for(page)) else _("Mettre à la une")
    url = reverse("ppi_feature", args=[page.pk])
    if next_url:
        url += f"?next={next_url}"
    yield Button(label, url, icon_name="pick", priority=35)


@hooks.register("register_page_header_buttons")
def feature_header_button(page, user, view_name, next_url=None):
    yield from _feature_button(page, user, next_url)


@hooks.register("register_page_listing_more_buttons")
def feature_listing_button(page, user, next_url=None):
    yield from _feature_button(page, user, next_url)
