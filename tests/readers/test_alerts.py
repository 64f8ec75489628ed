"""E-mail alerts: double opt-in, weekly digest over a real SMTP server, one-click unsubscribe."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from alerts.digest import send_digests
from alerts.models import Alert, Subscriber
from practices.models import PracticePage
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db

ADDRESS = "cheffe.projet@mairie-exemple.fr"


def link(text, kind):
    return re.search(rf"http://\S+/alertes/{kind}/[^/\s]+/", text).group(0)


def path(url):
    return re.sub(r"^http://[^/]+", "", url)


def subscribe(client, smtp_server, query="thematique=sante", address=ADDRESS):
    page = client.get(f"/alertes/nouvelle/?{query}")
    assert page.status_code == 200
    params = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page.content.decode()))
    response = client.post("/alertes/nouvelle/", {**params, "email": address})
    assert response.status_code == 200
    assert "Vérifiez votre messagerie" in response.content.decode()
    assert address not in response.content.decode()
    mail = smtp_server.wait_for(lambda m: "Confirmez votre alerte" in m["Subject"] and address in m["X-Envelope-To"])
    return smtp_server.text(mail)


def confirm(client, text):
    url = path(link(text, "confirmer"))
    assert "Confirmer l'alerte" in client.get(url).content.decode()
    assert Alert.objects.get().confirmed_at is None  # opening the link (a mail scanner) is not enough
    assert "Alerte confirmée" in client.post(url).content.decode()


def test_alert_confirmed_then_digest_sent_once_then_one_click_unsubscribe(client, smtp_server, practice_world):
    text = subscribe(client, smtp_server)
    assert "Thématique : Accès aux soins / santé" in text
    confirm(client, text)

    # Nothing new yet: no e-mail, and the address is next looked at in a week.
    call_command("send_alert_digests")
    assert len(smtp_server.to(ADDRESS)) == 1

    index = practice_world["index"]
    PracticePageFactory(parent=index, title="Centre de santé intercommunal", commune=practice_world["murat"], themes=["sante"])
    PracticePageFactory(parent=index, title="Piste cyclable des écoliers", commune=practice_world["murat"], themes=["mobilite"])
    call_command("send_alert_digests")
    assert len(smtp_server.to(ADDRESS)) == 1  # at most one look, and one e-mail, a week
    week = timezone.now() + timedelta(days=7, minutes=1)
    assert send_digests(now=week).sent == 1
    digest = smtp_server.wait_for(lambda m: "nouveau" in m["Subject"] and ADDRESS in m["X-Envelope-To"])
    body = smtp_server.text(digest)
    assert "Centre de santé intercommunal" in body and "Piste cyclable" not in body
    assert "Maison de santé de Murat" not in body  # published before the alert
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = digest["List-Unsubscribe"].strip().strip("<>")

    # Idempotent: the same run again sends nothing; the next week brings only what is new.
    assert send_digests(now=week).sent == 0
    later = PracticePageFactory(parent=index, title="Télémédecine en pharmacie", commune=practice_world["murat"], themes=["sante"])
    PracticePage.objects.filter(pk=later.pk).update(first_published_at=week + timedelta(days=1))  # published during that week
    assert send_digests(now=week + timedelta(days=6)).sent == 0
    assert send_digests(now=week + timedelta(days=7, minutes=1)).sent == 1
    third = smtp_server.to(ADDRESS)[-1]
    assert "Télémédecine en pharmacie" in smtp_server.text(third)
    assert "Centre de santé intercommunal" not in smtp_server.text(third)
    assert len(smtp_server.to(ADDRESS)) == 3

    # RFC 8058 one-click: a POST without CSRF token or cookie deletes the address.
    from django.test import Client

    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(path(unsubscribe_url), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists() and not Alert.objects.exists()


def test_manage_page_lists_alerts_without_the_address_and_removes_them(client, smtp_server, practice_world):
    confirm(client, subscribe(client, smtp_server, "q=navette&region=53"))
    alert = Alert.objects.get()
    assert alert.label == "« navette » · Région : Bretagne"
    from alerts.mails import manage_url

    url = path(manage_url(alert.subscriber))
    page = client.get(url).content.decode()
    assert "« navette » · Région : Bretagne" in page and ADDRESS not in page
    assert 'href="/recherche/?q=navette&amp;region=53"' in page
    gone = client.post(url, {"alerte": alert.pk})
    assert "Désinscription effectuée" in gone.content.decode()
    assert not Subscriber.objects.filter(email=ADDRESS).exists()  # no alert left: address deleted
    assert client.get(url).status_code == 404


def test_bad_links_and_bad_addresses_get_clear_answers(client, smtp_server, practice_world):
    assert client.get("/alertes/confirmer/faux/").status_code == 404
    assert client.get("/alertes/gerer/faux/").status_code == 404
    response = client.post("/alertes/nouvelle/", {"thematique": "sante", "email": "pas-une-adresse"})
    assert response.status_code == 400
    assert "adresse électronique valide" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_unconfirmed_alerts_expire_with_their_address(client, smtp_server, practice_world):
    text = subscribe(client, smtp_server)
    Alert.objects.update(created_at=timezone.now() - timedelta(days=4))
    Subscriber.objects.update(created_at=timezone.now() - timedelta(days=4))
    assert client.get(path(link(text, "confirmer"))).status_code in (200, 404)
    call_command("send_alert_digests")
    assert not Subscriber.objects.exists()


def test_subscriptions_are_rate_limited_per_address_and_per_ip(client, smtp_server, practice_world, settings):
    for n in range(5):
        assert client.post("/alertes/nouvelle/", {"q": f"essai {n}", "email": ADDRESS}).status_code == 200
    limited = client.post("/alertes/nouvelle/", {"q": "encore", "email": ADDRESS})
    assert limited.status_code == 429 and "Trop de demandes" in limited.content.decode()
    assert Alert.objects.count() == 5
    for n in range(15):
        client.post("/alertes/nouvelle/", {"q": "x", "email": f"autre{n}@exemple.fr"})
    assert client.post("/alertes/nouvelle/", {"q": "x", "email": "derniere@exemple.fr"}).status_code == 429
    assert not Subscriber.objects.filter(email="derniere@exemple.fr").exists()
