"""Readers write to authors: the address never shows, spam and floods are held back, and a
message is never lost when mail fails."""

import pytest
from django.core import mail
from django.urls import reverse

from contributions.models import ContactMessage, ProjectLeadProfile
from tests.factories import PracticePageFactory

SECRET = "camille.secret@mairie-beaujeu.fr"


@pytest.fixture
def practice(site_tree, contributor):
    contributor.email = "auteur.prive@exemple.fr"
    contributor.save()
    return PracticePageFactory(
        parent=site_tree["index"], owner=contributor, contact_name="Camille Martin", contact_email=SECRET, contact_public=True
    )


def message(**overrides):
    data = {
        "name": "Dominique Leroy",
        "email": "dominique@ville-voisine.fr",
        "organisation": "Ville de Cluny",
        "body": "Bonjour, combien a coûté le minibus et qui assure l'entretien ?",
        "site_internet": "",
    }
    data.update(overrides)
    return data


def test_practice_page_links_to_the_form_and_never_shows_the_address(client, practice):
    html = client.get(practice.url).content.decode()
    assert reverse("contributions:contact", args=[practice.pk]) in html
    assert SECRET not in html and "auteur.prive" not in html
    form_html = client.get(reverse("contributions:contact", args=[practice.pk])).content.decode()
    assert SECRET not in form_html and "auteur.prive" not in form_html
    assert "Écrire à l'auteur" in form_html


def test_message_is_stored_sent_with_reply_to_and_confirmed(client, practice, smtp_server):
    url = reverse("contributions:contact", args=[practice.pk])
    response = client.post(url, message())
    assert response.status_code == 302
    stored = ContactMessage.objects.get()
    assert stored.practice_id == practice.pk and stored.status == "sent" and stored.recipient_email == SECRET
    [sent] = smtp_server.to(SECRET)  # delivered by SMTP to the author, and only once
    assert sent["Reply-To"] == "dominique@ville-voisine.fr"
    assert "combien a coûté le minibus" in smtp_server.text(sent)
    confirmation = client.get(response.url).content.decode()
    assert "Votre message a bien été reçu" in confirmation
    assert SECRET not in confirmation


def test_falls_back_to_the_author_address(client, practice):
    practice.contact_email = ""
    practice.save_revision().publish()
    client.post(reverse("contributions:contact", args=[practice.pk]), message())
    assert mail.outbox[0].to == ["auteur.prive@exemple.fr"]


def test_message_is_kept_when_mail_fails(client, practice, settings):
    settings.EMAIL_BACKEND = "tests.contrib.failing_mail.FailingBackend"
    response = client.post(reverse("contributions:contact", args=[practice.pk]), message())
    assert response.status_code == 302
    assert ContactMessage.objects.get().status == "failed"


def test_honeypot_blocks_robots_silently(client, practice):
    response = client.post(reverse("contributions:contact", args=[practice.pk]), message(site_internet="http://spam.example"))
    assert response.status_code == 302
    assert not ContactMessage.objects.exists() and not mail.outbox


def test_invalid_form_explains_in_french(client, practice):
    response = client.post(reverse("contributions:contact", args=[practice.pk]), message(email="pas-une-adresse", body="court"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez une adresse électronique valide" in html and "trop court" in html
    assert not ContactMessage.objects.exists()


def test_the_n_plus_first_message_is_refused_with_429(client, practice, site_tree, contributor):
    from contributions.contact import PER_PRACTICE_LIMIT

    url = reverse("contributions:contact", args=[practice.pk])
    for _ in range(PER_PRACTICE_LIMIT):
        assert client.post(url, message()).status_code == 302
    response = client.post(url, message(body="Encore une question sur le financement du minibus, merci !"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Trop de messages envoyés" in html
    assert "Encore une question sur le financement" in html  # the text is not lost
    assert ContactMessage.objects.count() == PER_PRACTICE_LIMIT
    # Another address is not affected.
    assert client.post(url, message(), REMOTE_ADDR="10.0.0.9").status_code == 302


def test_no_form_for_drafts_or_authors_who_opted_out(client, practice, contributor):
    practice.contact_email = ""
    practice.save_revision().publish()
    ProjectLeadProfile.objects.create(user=contributor, accepts_messages=False)
    assert client.get(reverse("contributions:contact", args=[practice.pk])).status_code == 404
    practice.unpublish()
    assert client.get(reverse("contributions:contact", args=[practice.pk])).status_code == 404


def test_author_profile_on_the_practice_page(client, practice, contributor):
    ProjectLeadProfile.objects.create(
        user=contributor, role="cheffe de projet PVD", territory="Beaujeu (Rhône)", public_contact="Mairie : 04 74 00 00 00"
    )
    html = client.get(practice.url).content.decode()
    assert "Retour d&#x27;expérience de" in html or "Retour d'expérience de" in html
    assert "cheffe de projet PVD" in html and "Beaujeu (Rhône)" in html and "04 74 00 00 00" in html


def test_author_edits_own_profile_in_account_settings(client, contributor):
    client.force_login(contributor)
    url = reverse("wagtailadmin_account")
    assert "Mon profil public" in client.get(url).content.decode()
    from wagtail.test.utils.form_data import querydict_from_html

    data = querydict_from_html(client.get(url).content.decode(), form_id=None, form_index=0)
    for form_index in range(3):
        try:
            data = querydict_from_html(client.get(url).content.decode(), form_index=form_index)
        except ValueError:
            break
        if "ppi_profile-role" in data:
            break
    data["ppi_profile-role"] = "Cheffe de projet PVD"
    data["ppi_profile-territory"] = "Beaujeu (Rhône)"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = ProjectLeadProfile.objects.get(user=contributor)
    assert profile.territory == "Beaujeu (Rhône)"


def test_failed_messages_are_sent_later(client, practice, settings):
    settings.EMAIL_BACKEND = "tests.contrib.failing_mail.FailingBackend"
    client.post(reverse("contributions:contact", args=[practice.pk]), message())
    assert ContactMessage.objects.get().status == "failed"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.management import call_command

    call_command("send_contact_messages")
    assert ContactMessage.objects.get().status == "sent"
    assert mail.outbox[0].to == [SECRET]
