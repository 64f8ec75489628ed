"""« Des communes comme la mienne »: the EPCI reference, the SQL similarity, the cookie page
and the home block."""

import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from communes.models import Commune, Epci
from communes.reader import COOKIE
from communes.similarity import hints, similarity
from practices.models import PracticePage
from tests.factories import (
    PracticePageFactory,
    towns_around_beaujeu,
)


@pytest.mark.django_db
def test_loader_links_each_commune_to_its_epci():
    call_command("load_communes", limit=300, no_progress=True)
    epcis = json.loads((settings.COMMUNES_DATA_DIR / "epci.json").read_text(encoding="utf-8"))
    owner = next(e for e in epcis if any(m["code"] == "01001" for m in e["membres"]))
    commune = Commune.objects.select_related("epci").get(insee_code="01001", kind=Commune.Kind.CURRENT)
    assert commune.epci.code == owner["code"] and commune.epci.name == owner["nom"]
    assert Epci.objects.count() == len(epcis)
    Commune.objects.filter(insee_code="01001").update(epci=None)
    call_command("load_communes", limit=300, no_progress=True)
    assert Commune.objects.get(insee_code="01001", kind=Commune.Kind.CURRENT).epci_id == commune.epci_id
    assert Epci.objects.count() == len(epcis)


@pytest.fixture
def towns(site_tree):
    """A reader's town and practices from towns more or less like it."""
    reader, made = towns_around_beaujeu()
    practices = {key: PracticePageFactory(parent=site_tree["index"], title=f"Cas {key}", commune=commune) for key, commune in made.items()}
    return {"reader": reader, "practices": practices, **site_tree}


@pytest.mark.django_db
def test_similarity_orders_practices_in_sql(towns):
    reader = towns["reader"]
    ranked = list(
        PracticePage.objects.live()
        .annotate(similarity=similarity(reader))
        .order_by("-similarity")
        .values_list("title", "similarity")
    )
    titles = [title for title, _ in ranked]
    assert titles == [
        "Cas same_epci",
        "Cas same_region_same_size",
        "Cas far_same_size",  # size weighs more than the département alone (README weights)
        "Cas same_department_big",
        "Cas far_city",
    ]
    scores = dict(ranked)
    assert scores["Cas far_city"] == pytest.approx(0.0)
    assert 0.9 < scores["Cas same_epci"] <= 1.0


@pytest.mark.django_db
def test_hints_say_what_is_shared(towns):
    reader = towns["reader"]
    practices = towns["practices"]
    assert hints(reader, practices["same_epci"].commune) == ["même taille", "même intercommunalité", "même département"]
    assert hints(reader, practices["same_department_big"].commune) == ["même département"]
    assert hints(reader, practices["same_region_same_size"].commune) == ["même taille", "même région"]
    assert hints(reader, practices["far_city"].commune) == []


@pytest.mark.django_db
def test_reader_states_a_commune_sees_the_block_and_forgets_it(client, towns):
    home = client.get("/")
    assert "Indiquer ma commune" in home.content.decode()
    assert "Dans des communes comme la vôtre" not in home.content.decode()

    found = client.get("/ma-commune/", {"q": "beaujeu"})
    assert "Beaujeu — Rhône (69) · INSEE 69018" in found.content.decode()

    chosen = client.post("/ma-commune/choisir/", {"insee": "69018", "next": "/"})
    assert chosen.status_code == 302 and chosen["Location"] == "/"
    assert client.cookies[COOKIE].value == "69018"

    home = client.get("/")
    page = home.content.decode()
    assert "Dans des communes comme la vôtre" in page
    block = page.split('id="comme-la-votre"')[1].split("</section>")[0]
    assert block.index("Cas same_epci") < block.index("Cas far_city")
    assert "même intercommunalité" in block
    counts = []
    for _ in range(2):  # the blocks full (6 cards each), then more practices: same cost
        for _ in range(3):
            PracticePageFactory(parent=towns["index"], commune=towns["practices"]["far_city"].commune)
        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        counts.append(len(queries))
    assert counts[0] == counts[1]

    client.post("/ma-commune/oublier/", {"next": "/"})
    assert "Dans des communes comme la vôtre" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_bad_commune_input_is_a_clear_400(client, towns):
    response = client.post("/ma-commune/choisir/", {"insee": "99999"})
    assert response.status_code == 400
    assert "introuvable" in response.content.decode()
    assert COOKIE not in response.cookies
    assert client.post("/ma-commune/choisir/", {"insee": "69018", "next": "https://evil.example/"})["Location"] == "/"
    client.cookies[COOKIE] = "<script>"
    assert "Dans des communes comme la vôtre" not in client.get("/").content.decode()
    assert client.get("/ma-commune/", {"q": "\x00" * 500}).status_code == 200


@pytest.mark.django_db
def test_search_results_show_the_hints(client, towns):
    client.cookies[COOKIE] = "69018"
    page = client.get("/recherche/", {"q": "Cas"}).content.decode()
    hit = page.split("Cas same_epci")[1].split("</article>")[0]
    assert "même intercommunalité" in hit and "même département" in hit
    far = page.split("Cas far_city")[1].split("</article>")[0]
    assert "ppi-hints" not in far
    del client.cookies[COOKIE]
    assert "ppi-hints" not in client.get("/recherche/", {"q": "Cas"}).content.decode()


def _titles(page: str) -> list[str]:
    return [part.split("<")[0].strip() for part in page.split(">Cas ")[1:]]


@pytest.mark.django_db
def test_search_sorted_by_proximity(client, towns):
    client.cookies[COOKIE] = "69018"
    page = client.get("/recherche/", {"tri": "proximite"}).content.decode()
    assert [f"Cas {t}" for t in _titles(page)] == [
        "Cas same_epci", "Cas same_region_same_size", "Cas far_same_size", "Cas same_department_big", "Cas far_city",
    ]
    assert '<option value="proximite" selected>Proches de ma commune</option>' in page
    assert "Du plus proche au plus éloigné de Beaujeu (69)" in page
    assert "même intercommunalité" in page.split("Cas same_epci")[1].split("</article>")[0]
    small = client.get("/recherche/", {"q": "Cas", "tri": "proximite", "taille": "lt2500"}).content.decode()
    assert "3 retours d'expérience pour « Cas »" in small
    assert _titles(small) == ["same_epci", "same_region_same_size", "far_same_size"]


@pytest.mark.django_db
def test_proximity_sort_without_a_commune_says_how_to_set_one(client, towns):
    relevance = client.get("/recherche/", {"q": "Cas"}).content.decode()
    response = client.get("/recherche/", {"q": "Cas", "tri": "proximite"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pour trier par proximité, indiquez d'abord votre commune" in page
    assert _titles(page) == _titles(relevance)
    link = "/ma-commune/?next=%2Frecherche%2F%3Fq%3DCas%26tri%3Dproximite"
    assert f'href="{link}"' in page
    chosen = client.post("/ma-commune/choisir/", {"insee": "69018", "next": "/recherche/?q=Cas&tri=proximite"})
    assert chosen["Location"] == "/recherche/?q=Cas&tri=proximite"
    page = client.get(chosen["Location"]).content.decode()
    assert _titles(page)[0] == "same_epci" and _titles(page)[-1] == "far_city"
    assert "Pour trier par proximité" not in page
