"""robots.txt, sitemap.xml, Atom feeds, Open Graph tags and the Wagtail API v2."""

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def atom_titles(response):
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


def test_robots_txt_allows_the_site_hides_the_admin_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_sitemap_lists_live_practices_and_theme_pages_but_not_drafts(client, practice_world):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/pratiques/msp-murat/" in body
    assert "/pratiques/thematiques/sante/" in body
    assert "/pratiques/thematiques/mobilite/" in body
    assert "/donnees/" in body
    assert "/pratiques/secret/" not in body


def test_feed_of_all_practices_lists_live_ones_newest_first(client, practice_world):
    response = client.get("/flux/pratiques.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    titles = atom_titles(response)
    from practices.models import PracticePage

    newest_first = list(PracticePage.objects.live().order_by("-first_published_at").values_list("title", flat=True))
    assert titles == newest_first
    assert set(titles) == {"Maison de santé de Murat", "Navette seniors de Rostrenen", "Cour d'école végétalisée"}
    assert "Projet secret de Murat" not in titles


def test_theme_feed_lists_only_that_theme_and_404s_for_an_unknown_theme(client, practice_world):
    titles = atom_titles(client.get("/thematiques/sante/flux.xml"))
    assert sorted(titles) == ["Maison de santé de Murat", "Navette seniors de Rostrenen"]
    assert client.get("/thematiques/inconnue/flux.xml").status_code == 404


def test_feed_does_not_name_a_contact_who_asked_not_to_be_shown(client, practice_world):
    body = client.get("/flux/pratiques.xml").content.decode()
    assert "Anne Morvan" in body
    assert "Yann Le Goff" not in body


def test_pages_announce_their_feeds(client, practice_world):
    home = client.get("/").content.decode()
    assert 'type="application/atom+xml"' in home and 'href="/flux/pratiques.xml"' in home
    theme = client.get("/pratiques/thematiques/sante/").content.decode()
    assert 'href="/thematiques/sante/flux.xml"' in theme


@pytest.mark.parametrize(
    "url, title",
    [
        ("/", "Partager pour innover"),
        ("/pratiques/thematiques/sante/", "Accès aux soins / santé — retours d'expérience des Petites villes de demain"),
        ("/pratiques/msp-murat/", "Maison de santé de Murat"),
    ],
)
def test_open_graph_tags(client, practice_world, url, title):
    html = client.get(url).content.decode()
    tags = {name: unescape(value) for name, value in re.findall(r'<meta property="og:(\w+)" content="([^"]*)"', html)}
    assert tags["title"] == title
    assert len(tags["description"]) > 20
    assert tags["url"].startswith("http") and tags["url"].endswith(url)


def api(client, query=""):
    response = client.get(f"/api/v2/pratiques/{query}")
    return response, response.json()


def test_api_lists_live_practices_with_their_facts(client, practice_world):
    response, data = api(client)
    assert response.status_code == 200
    assert data["meta"]["total_count"] == 3
    item = next(i for i in data["items"] if i["title"] == "Maison de santé de Murat")
    assert item["commune"] == {"insee": "15138", "name": "Murat", "population": 1770}
    assert item["department"] == {"code": "15", "name": "Cantal"}
    assert item["region"] == {"code": "84", "name": "Auvergne-Rhône-Alpes"}
    assert [t["slug"] for t in item["themes"]] == ["sante"]
    assert item["phase"] == "realise"
    assert item["meta"]["html_url"].endswith("/pratiques/msp-murat/")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?thematique=sante", {"Maison de santé de Murat", "Navette seniors de Rostrenen"}),
        ("?thematique=sante,mobilite", {"Navette seniors de Rostrenen"}),
        ("?region=53", {"Navette seniors de Rostrenen", "Cour d'école végétalisée"}),
        ("?departement=15", {"Maison de santé de Murat"}),
        ("?phase=realise", {"Maison de santé de Murat", "Cour d'école végétalisée"}),
        ("?region=53&phase=realise", {"Cour d'école végétalisée"}),
    ],
)
def test_api_filters(client, practice_world, query, expected):
    _, data = api(client, query)
    assert {item["title"] for item in data["items"]} == expected


def test_api_detail_shows_fundings_and_hides_drafts(client, practice_world):
    health = practice_world["health"]
    data = client.get(f"/api/v2/pratiques/{health.pk}/?fields=fundings,budget,partners").json()
    assert data["budget"] == 850000 and data["fundings"] == []
    assert client.get(f"/api/v2/pratiques/{practice_world['draft'].pk}/").status_code == 404


@pytest.mark.parametrize("query", ["?phase=fini", "?thematique=inconnue"])
def test_api_rejects_unknown_filter_values_with_a_message(client, practice_world, query):
    response, data = api(client, query)
    assert response.status_code == 400
    assert "inconnue" in data["message"]


def test_api_search_goes_through_the_site_engine(client, practice_world):
    from search import sync

    sync.index_pages([practice_world["health"].pk, practice_world["shuttle"].pk, practice_world["garden"].pk])
    _, data = api(client, "?search=maison%20sante")  # no accent: the engine's analysis, not Wagtail's
    assert data["items"][0]["title"] == "Maison de santé de Murat"
    _, data = api(client, "?search=navette&thematique=sante,mobilite&region=53")
    assert [item["title"] for item in data["items"]] == ["Navette seniors de Rostrenen"]
    response, data = api(client, "?search=%22maison")
    assert response.status_code == 200 and data["items"][0]["title"] == "Maison de santé de Murat"


def test_api_search_pages_through_the_engine_results(client, practice_world):
    from search import sync

    sync.index_pages([practice_world[k].pk for k in ("health", "shuttle", "garden")])
    _, everything = api(client, "?search=maison%20navette%20cour&search_operator=or")
    titles = [item["title"] for item in everything["items"]]
    total = everything["meta"]["total_count"]
    assert total == len(titles) >= 2
    _, second = api(client, "?search=maison%20navette%20cour&search_operator=or&offset=1&limit=1")
    assert [item["title"] for item in second["items"]] == titles[1:2]
    assert second["meta"]["total_count"] == total
    response, data = api(client, "?search=maison&offset=100001")
    assert response.status_code == 400 and "offset" in data["message"]


def test_api_pages_through_practices_newest_first_with_offsets(client, practice_world):
    from practices.models import PracticePage

    newest_first = list(PracticePage.objects.live().order_by("-first_published_at", "-pk").values_list("pk", flat=True))
    paged = []
    for offset in range(0, len(newest_first)):
        _, data = api(client, f"?offset={offset}&limit=1")
        assert data["meta"]["total_count"] == len(newest_first)
        paged += [item["id"] for item in data["items"]]
    assert paged == newest_first
    _, past_the_end = api(client, "?offset=100000")
    assert past_the_end["items"] == [] and past_the_end["meta"]["total_count"] == len(newest_first)
