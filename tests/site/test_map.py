"""The map of départements: counts, links to the filtered search, the list alternative."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opendata.map import department_counts, geometry

pytestmark = pytest.mark.django_db


def test_the_npm_package_gives_every_metropolitan_departement():
    paths = geometry()["paths"]
    assert len(paths) == 96
    assert {"01", "2A", "2B", "95"} <= set(paths)


def test_counts_are_one_group_by_query_then_cached(practice_world):
    with CaptureQueriesContext(connection) as first:
        assert department_counts() == {"15": 1, "22": 2}
    # one GROUP BY (whether any private section exists is cached: practices/visibility.py)
    assert [q["sql"].count("GROUP BY") for q in first.captured_queries if "GROUP BY" in q["sql"]] == [1]
    assert len(first.captured_queries) <= 2
    with CaptureQueriesContext(connection) as second:
        department_counts()
    assert len(second.captured_queries) == 0


def test_map_page_links_each_departement_with_practices_to_the_filtered_search(client, practice_world):
    html = client.get("/carte/").content.decode()
    links = re.findall(r'<a href="(/recherche/\?departement=\w+)" aria-label="([^"]+)" class="ppi-map__link">', html)
    assert sorted(links) == [
        ("/recherche/?departement=15", "Cantal : 1 retour d&#x27;expérience"),
        ("/recherche/?departement=22", "Côtes-d&#x27;Armor : 2 retours d&#x27;expérience"),
    ]
    # Départements without practices are drawn but are not links.
    assert html.count('class="ppi-map__d ppi-map__d--0" aria-hidden="true"') == 94


def test_map_page_has_a_table_alternative(client, practice_world):
    html = client.get("/carte/").content.decode()
    table = html[html.index("<table>") : html.index("</table>")]
    assert '<a href="/recherche/?departement=22">Côtes-d&#x27;Armor</a></th><td>2</td>' in table
    assert "Cantal" in table and "Ardèche" not in table


def test_home_page_shows_the_map_and_links_to_the_full_page(client, practice_world):
    html = client.get("/").content.decode()
    assert 'aria-label="Cantal : 1 retour d&#x27;expérience"' in html
    assert 'href="/carte/"' in html
    assert "<table>" not in html[html.index('id="titre-carte"') :]


def test_a_draft_is_not_counted(client, practice_world):
    practice_world["health"].unpublish()
    assert department_counts() == {"22": 2}
