"""« Ma sélection »: add and remove without scripts (plain POST) and with them (JSON), reorder,
share read-only, only for logged-in readers."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from selections.models import Selection, SelectionItem
from tests.factories import PracticePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    user = UserFactory(username="lectrice")
    client.force_login(user)
    return user


def titles(html):
    return re.findall(r'<h2 class="fr-h5 fr-mb-1w" id="titre-pratique-\d+"><a href="[^"]+">([^<]+)</a>', html)


def test_add_without_scripts_reorder_and_share(client, reader, practice_world):
    health, shuttle, garden = practice_world["health"], practice_world["shuttle"], practice_world["garden"]
    page = client.get(health.url).content.decode()
    assert "Ajouter à ma sélection" in page
    for practice in (health, shuttle, garden):
        response = client.post("/ma-selection/modifier/", {"pratique": practice.pk, "action": "ajouter", "next": practice.url})
        assert response.status_code == 302 and response["Location"] == practice.url
    assert "Retirer de ma sélection" in client.get(health.url).content.decode()
    mine = client.get("/ma-selection/").content.decode()
    assert titles(mine) == ["Maison de santé de Murat", "Navette seniors de Rostrenen", "Cour d&#x27;école végétalisée"]

    client.post("/ma-selection/deplacer/", {"pratique": garden.pk, "sens": "monter"})
    client.post("/ma-selection/modifier/", {"pratique": health.pk, "action": "retirer", "next": "/ma-selection/"})
    mine = client.get("/ma-selection/").content.decode()
    assert titles(mine) == ["Cour d&#x27;école végétalisée", "Navette seniors de Rostrenen"]

    share = Selection.objects.get(user=reader).share_key
    anonymous = Client()
    shared = anonymous.get(f"/selection/{share}/").content.decode()
    assert titles(shared) == ["Cour d&#x27;école végétalisée", "Navette seniors de Rostrenen"]
    assert "Retirer" not in shared and "lectrice" not in shared and "Camille" not in shared
    assert "http://testserver/pratiques/" in shared  # absolute links: they print in full

    client.post("/ma-selection/nouveau-lien/")
    assert anonymous.get(f"/selection/{share}/").status_code == 404


def test_search_results_offer_the_button_to_logged_in_readers_only(client, reader, practice_world):
    client.post("/ma-selection/modifier/", {"pratique": practice_world["health"].pk, "action": "ajouter"})
    page = client.get("/recherche/", {"q": "santé"}).content.decode()
    health = page.split("Maison de santé de Murat</a>")[1].split("</article>")[0]
    assert "Retirer de ma sélection" in health
    assert page.count('src="/static/js/selection.js"') == 1
    # Without scripts the result's link leads to a page whose button posts the change.
    link = re.search(r'href="(/ma-selection/confirmer/\?[^"]+)"', health).group(1).replace("&amp;", "&")
    confirm = client.get(link)
    assert "Retirer de ma sélection" in confirm.content.decode()
    client.post("/ma-selection/modifier/", {"pratique": practice_world["health"].pk, "action": "retirer"})
    assert not SelectionItem.objects.exists()
    assert client.get("/ma-selection/confirmer/?pratique=abc&action=ajouter").status_code == 404
    assert "ma sélection" not in Client().get("/recherche/", {"q": "santé"}).content.decode()


def test_add_with_scripts_answers_json(client, reader, practice_world):
    health = practice_world["health"]
    response = client.post(
        "/ma-selection/modifier/", {"pratique": health.pk, "action": "ajouter"}, HTTP_ACCEPT="application/json"
    )
    assert response.json() == {"selected": True, "message": "Ajouté à votre sélection."}
    response = client.post(
        "/ma-selection/modifier/", {"pratique": health.pk, "action": "retirer"}, HTTP_ACCEPT="application/json"
    )
    assert response.json()["selected"] is False
    assert not SelectionItem.objects.exists()


def test_a_draft_or_a_bad_id_is_refused_clearly(client, reader, practice_world):
    response = client.post("/ma-selection/modifier/", {"pratique": practice_world["draft"].pk, "action": "ajouter"})
    assert response.status_code == 400 and "ne peut pas être ajouté" in response.content.decode()
    assert client.post("/ma-selection/modifier/", {"pratique": "abc", "action": "ajouter"}).status_code == 404
    assert client.post("/ma-selection/deplacer/", {"pratique": "1", "sens": "loin"}).status_code == 400
    assert client.get("/selection/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_anonymous_readers_are_sent_to_log_in(practice_world):
    anonymous = Client()
    assert anonymous.get("/ma-selection/")["Location"].startswith("/admin/login/")
    assert anonymous.post("/ma-selection/modifier/", {"pratique": 1, "action": "ajouter"})["Location"].startswith("/admin/login/")
    page = anonymous.get(practice_world["health"].url).content.decode()
    assert "Connectez-vous</a> pour garder ce retour d" in page


def test_selection_page_costs_the_same_whatever_its_length(client, reader, practice_world):
    index = practice_world["index"]
    counts = []
    for size in (2, 6):
        while SelectionItem.objects.count() < size:
            practice = PracticePageFactory(parent=index, commune=practice_world["murat"])
            client.post("/ma-selection/modifier/", {"pratique": practice.pk, "action": "ajouter"})
        client.get("/ma-selection/")  # warm: the site and the featured marks are cached after one request
        with CaptureQueriesContext(connection) as queries:
            client.get("/ma-selection/")
        counts.append(len(queries))
    assert counts[0] == counts[1]
