"""A write-up outlives its author: a project lead of the same commune takes it over, an editor
reassigns it in one action, and readers' messages reach whoever is there now."""

from django.urls import reverse

from contributions.contact import recipient_for
from contributions.models import ProjectLeadProfile
from practices.models import PracticePage

from .admin_forms import is_refused


def test_a_lead_of_the_same_commune_takes_over(client, own_live, other_contributor, commune, contributor):
    PracticePage.objects.filter(pk=own_live.pk).update(contact_email=contributor.email, contact_name="Ancienne cheffe")
    ProjectLeadProfile.objects.create(user=other_contributor, commune=commune, role="Chef de projet PVD")
    client.force_login(other_contributor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert own_live.title in dashboard and reverse("ppi_take_over", args=[own_live.pk]) in dashboard

    assert client.post(reverse("ppi_take_over", args=[own_live.pk])).status_code == 302
    page = PracticePage.objects.get(pk=own_live.pk)
    assert page.owner == other_contributor
    assert page.contact_name == other_contributor.get_full_name() or other_contributor.username
    assert recipient_for(page) == other_contributor.email  # no longer the former author
    # Now hers to edit.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def test_a_lead_of_another_commune_cannot_take_over(client, own_live, other_contributor):
    client.force_login(other_contributor)
    assert is_refused(client.post(reverse("ppi_take_over", args=[own_live.pk])))
    assert PracticePage.objects.get(pk=own_live.pk).owner_id == own_live.owner_id


def test_editor_reassigns_in_one_action(client, own_live, editor, other_contributor, contributor):
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[own_live.pk])).content.decode()
    url = reverse("ppi_reassign", args=[own_live.pk])
    assert url in edit
    assert client.get(url).status_code == 200
    response = client.post(url, {"owner": other_contributor.pk})
    assert response.status_code == 302
    assert PracticePage.objects.get(pk=own_live.pk).owner == other_contributor
    bad = client.post(url, {"owner": "999999"})
    assert bad.status_code == 400 and "n&#x27;est plus actif" in bad.content.decode()
    client.force_login(contributor)
    assert is_refused(client.post(url, {"owner": contributor.pk}))


def test_messages_skip_a_contact_who_left(own_live, contributor, other_contributor):
    page = PracticePage.objects.get(pk=own_live.pk)
    page.contact_email = contributor.email
    page.owner = other_contributor
    assert recipient_for(page) == contributor.email
    contributor.is_active = False
    contributor.save()
    assert recipient_for(page) == other_contributor.email
