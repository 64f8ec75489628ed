"""The permission matrix: every role × every action, through the admin views and by direct POST.

Each action returns True when the admin let the person do it (and the effect is visible in the
database), False when it refused (and nothing changed)."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from practices.models import Funder, PracticePage, Theme

from .admin_forms import create_form_data, edit_form_data, is_refused


def _live(page):
    return Page.objects.get(pk=page.pk).live


def create_draft(client, ctx):
    url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", ctx["index"].pk])
    if client.get(url).status_code != 200:
        return False
    data = create_form_data(client, ctx["index"], ctx["commune"], complete=False, slug="brouillon-incomplet")
    client.post(url, data)
    page = PracticePage.objects.filter(slug="brouillon-incomplet").first()
    return page is not None and not page.live


def create_and_publish(client, ctx):
    """The "Publier" button pressed on a new page (or forged in the POST)."""
    url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", ctx["index"].pk])
    if client.get(url).status_code != 200:
        return False
    data = create_form_data(client, ctx["index"], ctx["commune"], slug="publiee-directement")
    data["action-publish"] = "action-publish"
    client.post(url, data)
    page = PracticePage.objects.filter(slug="publiee-directement").first()
    return bool(page and page.live)


def edit_own(client, ctx):
    page = ctx["own_draft"]
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return response.status_code == 200


def edit_others(client, ctx):
    page = ctx["others_live"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    if is_refused(response):
        # A forged POST must not get through either.
        client.post(url, {"title": "Piraté"})
        assert PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object().title != "Piraté"
        return False
    data = edit_form_data(client, page, title="Titre revu par l'édition")
    client.post(url, data)
    return PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object().title == "Titre revu par l'édition"


def save_draft_own(client, ctx):
    page = ctx["own_draft"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if client.get(url).status_code != 200:
        return False
    # Incomplete on purpose: a draft may lack required fields.
    data = edit_form_data(client, page, title="Brouillon retouché", summary="", phase="")
    client.post(url, data)
    return PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object().title == "Brouillon retouché"


def submit_own(client, ctx):
    page = ctx["own_draft"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if client.get(url).status_code != 200:
        return False
    data = edit_form_data(client, page)
    data["action-submit"] = "action-submit"
    client.post(url, data)
    return Page.objects.get(pk=page.pk).workflow_in_progress


def publish_own(client, ctx):
    """A direct POST with action-publish on one's own draft."""
    page = ctx["own_draft"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if client.get(url).status_code != 200:
        return False
    data = edit_form_data(client, page)
    data["action-publish"] = "action-publish"
    client.post(url, data)
    return _live(page)


def publish_others_draft(client, ctx):
    page = ctx["others_live"]
    page.title = "Nouvelle version en attente"
    page.save_revision()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if is_refused(client.get(url)):
        response = client.post(url, {"title": "Forcée", "action-publish": "action-publish"})
        assert is_refused(response)
    else:
        data = edit_form_data(client, page, title="Forcée")
        data["action-publish"] = "action-publish"
        client.post(url, data)
    return PracticePage.objects.get(pk=page.pk).title == "Forcée"


def unpublish_own(client, ctx):
    page = ctx["own_live"]
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    return not _live(page)


def delete_own_draft(client, ctx):
    page = ctx["own_draft"]
    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    return not Page.objects.filter(pk=page.pk).exists()


def delete_own_live(client, ctx):
    page = ctx["own_live"]
    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    return not Page.objects.filter(pk=page.pk).exists()


def delete_others(client, ctx):
    page = ctx["others_live"]
    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    return not Page.objects.filter(pk=page.pk).exists()


def lock_others(client, ctx):
    page = ctx["others_live"]
    client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
    return Page.objects.get(pk=page.pk).locked


def edit_theme(client, ctx):
    theme = Theme.objects.get(slug="mobilite")
    url = reverse("wagtailsnippets_practices_theme:edit", args=[theme.pk])
    if client.get(url).status_code != 200:
        return False
    response = client.post(
        url,
        {
            "name": "Mobilités", "slug": theme.slug, "description": theme.description, "icon": theme.icon,
            "sort_order": theme.sort_order, "featured_practices-TOTAL_FORMS": "0",
            "featured_practices-INITIAL_FORMS": "0", "featured_practices-MIN_NUM_FORMS": "0",
            "featured_practices-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    return Theme.objects.get(pk=theme.pk).name == "Mobilités"


def add_funder(client, ctx):
    url = reverse("wagtailsnippets_practices_funder:add")
    if client.get(url).status_code != 200:
        client.post(url, {"name": "Fondation X", "slug": "fondation-x", "sort_order": "50"})
        return Funder.objects.filter(slug="fondation-x").exists()
    client.post(url, {"name": "Fondation X", "slug": "fondation-x", "sort_order": "50"})
    return Funder.objects.filter(slug="fondation-x").exists()


def edit_home(client, ctx):
    return client.get(reverse("wagtailadmin_pages:edit", args=[ctx["home"].pk])).status_code == 200


def search_promotions(client, ctx):
    return client.get(reverse("wagtailsearchpromotions:index")).status_code == 200


def site_settings(client, ctx):
    return client.get(reverse("wagtailsites:index")).status_code == 200


def manage_users(client, ctx):
    return client.get(reverse("wagtailusers_users:index")).status_code == 200


ACTIONS = {
    "create a draft": create_draft,
    "create and publish": create_and_publish,
    "edit own": edit_own,
    "edit someone else's": edit_others,
    "save own draft incomplete": save_draft_own,
    "submit own": submit_own,
    "publish own (direct POST)": publish_own,
    "publish someone else's (direct POST)": publish_others_draft,
    "unpublish own live": unpublish_own,
    "delete own draft": delete_own_draft,
    "delete own live": delete_own_live,
    "delete someone else's": delete_others,
    "lock someone else's": lock_others,
    "edit a theme": edit_theme,
    "add a funder": add_funder,
    "edit the home page (featured cases)": edit_home,
    "search promotions": search_promotions,
    "site settings": site_settings,
    "manage users": manage_users,
}

# role → actions allowed; everything else must be refused.
ALLOWED = {
    "contributor": {
        "create a draft", "edit own", "save own draft incomplete", "submit own", "delete own draft",
    },
    "editor": set(ACTIONS) - {"site settings", "manage users"},
    "admin": set(ACTIONS),
    "anonymous": set(),
}
# Editors "own" nothing in these fixtures: for them "own" pages are the contributor's, which
# they may edit, publish and delete like any other.

MATRIX = [(role, action, action in ALLOWED[role]) for role in ALLOWED for action in ACTIONS]


@pytest.mark.parametrize(("role", "action", "allowed"), MATRIX, ids=[f"{r}-{a}" for r, a, _ in MATRIX])
def test_permission_matrix(client, users, site_tree, commune, own_draft, own_live, others_live, role, action, allowed):
    if role != "anonymous":
        client.force_login(users[role])
    ctx = {**site_tree, "commune": commune, "own_draft": own_draft, "own_live": own_live, "others_live": others_live}
    assert ACTIONS[action](client, ctx) is allowed


def test_contributor_sees_no_publish_button(client, contributor, own_draft):
    client.force_login(contributor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[own_draft.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_contributor_menu_has_no_curation_entries(client, contributor, site_tree):
    client.force_login(contributor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Thématiques" not in html and "Financeurs" not in html
