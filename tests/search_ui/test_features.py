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


def test_every_query_is_counted_by_its_normalised_form_including_zero_results(client, practices):
    from search.stats import SearchStat

    client.get(URL, {"q": "Médecins"})
    client.get(URL, {"q": "les medecin "})
    client.get(URL, {"q": "xylophone quantique"})
    client.get(URL, {"q": "médecins", "page": "2"})  # paging through is not a new search
    client.get(URL)  # no query, nothing to count
    assert client.head(URL, {"q": "medecins"}).status_code == 200  # a link checker, not a reader
    rows = {row.key: row for row in SearchStat.objects.all()}
    assert len(rows) == 2  # « Médecins » and « les medecin » are one query
    medecin = next(row for row in rows.values() if row.label == "médecins")
    assert medecin.searches == 2 and medecin.zero_results == 0
    xylophone = next(row for row in rows.values() if row.label == "xylophone quantique")
    assert xylophone.searches == 1 and xylophone.zero_results == 1  # what the editors' panel lists


def test_junk_is_not_recorded_and_one_address_is_rate_limited(client, practices, settings):
    from search import stats

    for junk in ["1234 5678", "x" * 101, "!!! ???"]:
        client.get(URL, {"q": junk})
    assert not stats.SearchStat.objects.exists()
    assert not stats.is_recordable("santé\x01") and stats.is_recordable("santé")
    for n in range(stats.RATE_LIMIT + 5):
        client.get(URL, {"q": f"recherche numéro {chr(97 + n % 26)}{n}"}, REMOTE_ADDR="203.0.113.9")
    assert sum(stats.SearchStat.objects.values_list("searches", flat=True)) == stats.RATE_LIMIT
    client.get(URL, {"q": "une autre adresse"}, REMOTE_ADDR="198.51.100.4")
    assert stats.SearchStat.objects.filter(label="une autre adresse").exists()


def test_a_promotion_answers_the_variants_of_its_query(client, practices):
    SearchPromotion.objects.create(query=Query.get("médecin"), page=practices["cour"], sort_order=0)
    for variant in ["Médecins", "medecin", "les médecins"]:
        assert result_titles(client.get(URL, {"q": variant}))[0] == practices["cour"].title, variant


def test_editors_read_the_search_statistics_report(client, practices, django_user_model):
    from search.stats import record_search

    record_search("Maison de santé", found=True)
    record_search("maisons de sante", found=True)
    record_search("xylophone", found=False)
    editor = django_user_model.objects.create_superuser("stats", "stats@exemple.fr", "motdepasse")
    client.force_login(editor)
    response = client.get("/admin/statistiques-recherche/")
    html = unescape(response.content.decode())
    assert response.status_code == 200 and "Statistiques de recherche" in html
    assert "maison de santé" in html and "xylophone" in html
    assert html.index("maison de santé") < html.index("xylophone")  # the most searched first
    zero = unescape(client.get("/admin/statistiques-recherche/", {"zero_only": "true"}).content.decode())
    assert "xylophone" in zero and "maison de santé" not in zero
    export = client.get("/admin/statistiques-recherche/", {"export": "csv"})
    assert export.status_code == 200 and "maison de santé" in b"".join(export.streaming_content).decode()


def test_search_promotions_admin_is_reachable(client, practices, django_user_model):
    admin = django_user_model.objects.create_superuser("chef", "chef@exemple.fr", "motdepasse")
    client.force_login(admin)
    assert client.get("/admin/searchpicks/").status_code == 200
    menu = client.get("/admin/").content.decode()
    assert "searchpicks" in menu  # in the settings menu
    # The reports menu offers the project's statistics (normalised queries, zero results), not
    # Wagtail's raw search terms, which the search page no longer counts.
    assert "/admin/statistiques-recherche/" in menu and "/admin/searchpicks/reports/search-terms/" not in menu


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
