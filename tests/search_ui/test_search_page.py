"""The search page as a reader uses it, over the embedded engine (no OPENSEARCH_URL)."""

import re
from html import unescape

import pytest
from django.urls import reverse

URL = "/recherche/"


def result_titles(response) -> list[str]:
    html = response.content.decode()
    return [unescape(t) for t in re.findall(r'<h3 class="[^"]*ppi-hit__title"><a href="[^"]*">([^<]*)</a></h3>', html)]


def links(response) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="(\?[^"]*)"', response.content.decode())]


@pytest.mark.django_db
def test_url_names():
    assert reverse("search:search") == "/recherche/"
    assert reverse("search:suggestions") == "/recherche/suggestions/"


def test_results_count_highlights_and_facet_counts(client, practices):
    response = client.get(URL, {"q": "maison de santé"})
    assert response.status_code == 200
    assert result_titles(response)[0] == practices["msp"].title

    response = client.get(URL, {"q": "santé"})
    html = unescape(response.content.decode())
    titles = result_titles(response)
    assert {practices["msp"].title, practices["centre"].title} <= set(titles)
    count = f"{len(titles)} retours d'expérience pour « santé »"
    assert re.search(r'role="status" aria-live="polite"[^>]*>\s*' + re.escape(count), html)
    assert "<mark>" in html
    # Facet groups with their counts, as checkboxes named after the URL parameter.
    assert 'name="thematique"' in html and 'value="sante"' in html
    assert re.search(r'for="filtre-thematique-\d+">Accès aux soins / santé\xa0<span class="ppi-facet-count">\(2\)</span>', html)
    assert re.search(r'for="filtre-region-\d+">Bourgogne-Franche-Comté\xa0<span class="ppi-facet-count">\(1\)</span>', html)
    assert html.count("<h1") == 1


def test_empty_query_lists_every_practice(client, practices):
    response = client.get(URL)
    assert response.status_code == 200
    assert set(result_titles(response)) == {p.title for p in practices.values()}


def test_two_themes_and_a_region_narrow_and_keep_the_query(client, practices):
    everything = result_titles(client.get(URL, {"q": "seniors vélos santé"}))
    response = client.get(URL, {"q": "seniors vélos santé", "thematique": ["mobilite", "sante"], "region": "27"})
    assert response.status_code == 200
    titles = result_titles(response)
    assert practices["navette"].title in titles
    assert practices["velo"].title not in titles  # Beaujeu is in région 84
    assert practices["msp"].title not in titles
    assert len(titles) < len(everything) or len(everything) == len(titles) == 0
    html = response.content.decode()
    assert 'value="mobilite" checked' in html and 'value="sante" checked' in html and 'value="27" checked' in html
    # Every filter can be removed, and removing it keeps the query and the other filters.
    removals = [href for href in links(response) if "thematique=sante" in href and "thematique=mobilite" not in href]
    assert removals and all("q=seniors+v%C3%A9los+sant%C3%A9" in href and "region=27" in href for href in removals)
    assert "fr-tag--dismiss" in html


def test_pagination_keeps_every_parameter(client, site_tree, places):
    from tests.factories import PracticePageFactory

    for n in range(23):
        PracticePageFactory(parent=site_tree["index"], title=f"Maison de santé de secteur {n}", commune=places["cluny"])
    first = client.get(URL, {"q": "maison", "thematique": "sante", "tri": "date"})
    assert len(result_titles(first)) == 20
    next_links = [href for href in links(first) if "page=2" in href]
    assert next_links
    for href in next_links:
        assert "q=maison" in href and "thematique=sante" in href and "tri=date" in href
    second = client.get(URL + next_links[0])
    titles = result_titles(second)
    assert len(titles) == 3
    assert not set(titles) & set(result_titles(first))
    assert 'aria-current="page" title="Page 2"' in second.content.decode()


def test_a_page_past_the_end_shows_the_last_page(client, practices):
    response = client.get(URL, {"page": "99"})
    assert response.status_code == 200
    assert len(result_titles(response)) == len(practices)


def test_sort_by_date_puts_the_latest_first(client, practices):
    titles = result_titles(client.get(URL, {"tri": "date"}))
    from practices.models import PracticePage

    published = list(PracticePage.objects.live().order_by("-first_published_at").values_list("title", flat=True))
    assert titles == published
    assert 'value="date" selected' in client.get(URL, {"tri": "date"}).content.decode()


def test_suggestion_link_keeps_filters(client, practices, monkeypatch):
    from search import api
    from search.types import SearchResults

    monkeypatch.setattr(api, "search", lambda params: SearchResults(total=0, hits=[], facets={}, suggestion="maison"))
    response = client.get(URL, {"q": "maisonn", "thematique": "sante"})
    html = response.content.decode()
    assert "Vouliez-vous dire" in html
    assert 'href="?q=maison&amp;thematique=sante"' in html


def test_degraded_mode_is_announced(client, practices, monkeypatch):
    from search import api
    from search.types import SearchResults

    monkeypatch.setattr(api, "search", lambda params: SearchResults(total=0, hits=[], facets={}, degraded=True, engine="embedded"))
    response = client.get(URL, {"q": "santé"})
    assert response.status_code == 200
    assert "La recherche fonctionne en mode dégradé" in response.content.decode()


def test_engine_failure_gives_a_french_error_page_not_a_500(client, practices, monkeypatch):
    from search import api

    def broken(params):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(api, "search", broken)
    response = client.get(URL, {"q": "santé"})
    assert response.status_code == 503
    assert "La recherche est momentanément indisponible" in response.content.decode()


def test_empty_state_offers_ways_out(client, practices):
    response = client.get(URL, {"q": "xylophone quantique", "thematique": "sante"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aucun retour d'expérience ne correspond" in unescape(html)
    assert "Retirez un ou plusieurs filtres" in html
    assert 'href="?q=xylophone+quantique"' in html  # the same query without its filters
    assert "?thematique=mobilite" in html  # themes to explore


def test_featured_practice_has_its_badge(client, site_tree, practices):
    from home.models import HomeFeaturedPractice

    HomeFeaturedPractice.objects.create(home=site_tree["home"], practice=practices["centre"])
    practices["centre"].save_revision().publish()  # the index reads the featured flag on publish
    response = client.get(URL, {"q": "centre de santé municipal"})
    assert result_titles(response)[0] == practices["centre"].title
    assert "À la une" in response.content.decode()


def test_page_scripts_are_external_files(client, practices):
    html = client.get(URL).content.decode()
    assert "js/search.js" in html and "js/autocomplete.js" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert 'data-autocomplete="/recherche/suggestions/"' in html
    assert 'id="header-search-input"' in html and html.count("data-autocomplete=") >= 2


def test_every_control_has_a_label(client, practices):
    html = client.get(URL, {"q": "santé"}).content.decode()
    for control_id in re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html):
        assert f'for="{control_id}"' in html, control_id
