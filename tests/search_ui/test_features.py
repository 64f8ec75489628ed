"""Autocomplete, editors' promotions, query statistics, similar practices, query budget."""

import json
import re
from html import unescape

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.factories import PracticePageFactory

URL = "/recherche/"


def result_titles(response) -> list[str]:
    html = response.content.decode()
    return [unescape(t) for t in re.findall(r'<h3 class="[^"]*ppi-hit__title"><a href="[^"]*">([^<]*)</a></h3>', html)]


def test_suggestions_offer_the_mobility_theme(client, practices):
    response = client.get("/recherche/suggestions/", {"q": "mob"})
    assert response.status_code == 200
    results = json.loads(response.content)["results"]
    assert any(item["label"] == "Mobilité" for item in results)
    for item in results:
        assert set(item) >= {"kind", "label", "url"}
        assert item["url"].startswith("/")


def test_suggestions_find_practices_without_accents(client, practices):
    results = json.loads(client.get("/recherche/suggestions/", {"q": "veget"}).content)["results"]
    assert any(item["label"] == practices["cour"].title for item in results)


def test_promoted_results_come_first(client, practices):
    query = Query.get("santé")
    SearchPromotion.objects.create(query=query, page=practices["cour"], description="La sélection de l'équipe.", sort_order=0)
    response = client.get(URL, {"q": "Santé "})
    titles = result_titles(response)
    assert titles[0] == practices["cour"].title
    assert titles.count(practices["cour"].title) == 1
    html = response.content.decode()
    assert "Recommandé" in html and "La sélection de l&#x27;équipe." in html
    assert practices["msp"].title in titles


def test_an_editors_pick_the_engine_did_not_find_is_counted(client, practices):
    SearchPromotion.objects.create(query=Query.get("xylophone"), page=practices["cour"], sort_order=0)
    response = client.get(URL, {"q": "xylophone"})
    assert result_titles(response) == [practices["cour"].title]
    assert "1 retour d'expérience pour « xylophone »" in unescape(response.content.decode())


def test_promotions_are_only_on_the_first_page(client, site_tree, places, practices):
    for n in range(21):
        PracticePageFactory(parent=site_tree["index"], title=f"Maison de santé {n}", commune=places["cluny"])
    SearchPromotion.objects.create(query=Query.get("santé"), page=practices["cour"], sort_order=0)
    assert practices["cour"].title not in result_titles(client.get(URL, {"q": "santé", "page": "2"}))


def test_every_query_is_counted_normalised_including_zero_results(client, practices):
    client.get(URL, {"q": "MSP"})
    client.get(URL, {"q": "msp "})
    client.get(URL, {"q": "xylophone quantique"})
    client.get(URL, {"q": "msp", "page": "2"})  # paging through is not a new search
    client.get(URL)  # no query, nothing to count
    assert client.head(URL, {"q": "msp"}).status_code == 200  # a link checker, not a reader
    assert Query.objects.get(query_string="msp").hits == 2
    assert Query.objects.get(query_string="xylophone quantique").hits == 1
    assert Query.objects.count() == 2
    # Only the search that found nothing reaches the editors' "searches with no result" panel.
    from search.stats import ZeroResultSearch

    assert list(ZeroResultSearch.objects.values_list("query__query_string", "hits")) == [("xylophone quantique", 1)]


def test_search_promotions_admin_is_reachable(client, practices, django_user_model):
    admin = django_user_model.objects.create_superuser("chef", "chef@exemple.fr", "motdepasse")
    client.force_login(admin)
    client.get(URL, {"q": "maison de santé"})
    assert client.get("/admin/searchpicks/").status_code == 200
    assert "searchpicks" in client.get("/admin/").content.decode()  # in the settings menu
    report = client.get("/admin/searchpicks/reports/search-terms/")
    assert report.status_code == 200
    assert "maison de santé" in report.content.decode()


def test_similar_practices_on_a_practice_page(client, practices):
    response = client.get(practices["navette"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Retours d'expérience similaires" in unescape(html)
    section = unescape(html.split('id="similaires"', 1)[1])
    assert practices["navette"].title not in section
    assert practices["velo"].title in section


def _count_queries(client, django_assert_max_num_queries, limit, **params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        with django_assert_max_num_queries(limit):
            response = client.get(URL, params)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_query_count_is_bounded_and_does_not_grow_with_results(client, site_tree, places, django_assert_max_num_queries):
    for n in range(3):
        PracticePageFactory(parent=site_tree["index"], title=f"Maison de santé {n}", commune=places["cluny"])
    client.get(URL, {"q": "maison"})  # warm caches (site root paths, known facet values)
    few = _count_queries(client, django_assert_max_num_queries, 20, q="maison", thematique="sante")
    for n in range(3, 30):
        PracticePageFactory(parent=site_tree["index"], title=f"Maison de santé {n}", commune=places["cluny"])
    client.get(URL, {"q": "maison"})
    many = _count_queries(client, django_assert_max_num_queries, 20, q="maison", thematique="sante")
    assert many <= few
