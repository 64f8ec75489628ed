"""/carte/ follows the search page's filters."""

import re

import pytest

pytestmark = pytest.mark.django_db


def links(html):
    return sorted(re.findall(r'<a href="(/recherche/\?[^"]+)" aria-label="([^"]+)" class="ppi-map__link">', html))


def test_map_counts_only_the_practices_of_the_search(client, practice_world):
    html = client.get("/carte/?thematique=nature-en-ville").content.decode()
    assert links(html) == [
        ("/recherche/?thematique=nature-en-ville&amp;departement=22", "Côtes-d&#x27;Armor : 1 retour d&#x27;expérience"),
    ]
    assert "Thématique : Nature en ville" in html
    assert 'href="/recherche/?thematique=nature-en-ville">Voir ces résultats en liste' in html


def test_map_with_a_query_ignores_its_own_departement_filter(client, practice_world):
    html = client.get("/carte/?q=navette&departement=15").content.decode()
    assert links(html) == [
        ("/recherche/?q=navette&amp;departement=22", "Côtes-d&#x27;Armor : 1 retour d&#x27;expérience"),
    ]


def test_map_without_filters_is_unchanged_and_bad_filters_are_said(client, practice_world):
    assert "Voir ces résultats en liste" not in client.get("/carte/").content.decode()
    response = client.get("/carte/?thematique=%00inconnue")
    assert response.status_code == 200
    assert "ont été ignorés" in response.content.decode()
