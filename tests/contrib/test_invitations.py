"""An editor invites a project lead: account in the right group, no password, a working link."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from contributions.roles import CONTRIBUTORS_GROUP

INVITE = {"first_name": "Léa", "last_name": "Girard", "email": "Lea.Girard@Mairie-Cluny.fr", "role": "Cheffe de projet PVD", "territory": "Cluny"}


@pytest.mark.parametrize(("role", "allowed"), [("editor", True), ("admin", True), ("contributor", False)])
def test_who_may_invite(client, users, role, allowed):
    client.force_login(users[role])
    response = client.get(reverse("ppi_invitations"))
    assert (response.status_code == 200) is allowed
    client.post(reverse("ppi_invitations"), INVITE)
    assert get_user_model().objects.filter(email="lea.girard@mairie-cluny.fr").exists() is allowed


def test_invited_lead_sets_own_password_and_can_contribute(client, editor, site_tree):
    client.force_login(editor)
    response = client.post(reverse("ppi_invitations"), INVITE)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="lea.girard@mairie-cluny.fr")
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [CONTRIBUTORS_GROUP]
    assert user.project_lead_profile.territory == "Cluny"

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == ["lea.girard@mairie-cluny.fr"]
    assert "choisissez votre mot de passe" in body
    assert "Votre identifiant : lea.girard@mairie-cluny.fr" in body
    link = re.search(r"https?://\S+/admin/password_reset/confirm/\S+", body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)

    client.logout()
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(form_url, {"new_password1": "Une-phrase-de-passe-2026", "new_password2": "Une-phrase-de-passe-2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Une-phrase-de-passe-2026")
    client.force_login(user)
    add_url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", site_tree["index"].pk])
    assert client.get(add_url).status_code == 200


def test_existing_address_is_refused_in_french(client, editor, contributor):
    client.force_login(editor)
    response = client.post(reverse("ppi_invitations"), {**INVITE, "email": contributor.email})
    assert response.status_code == 200
    assert "Un compte existe déjà pour cette adresse" in response.content.decode()
    assert not mail.outbox
