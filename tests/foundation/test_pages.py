"""Every public page renders in the site layout, with a bounded number of SQL queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import ImageFactory

from home.models import ContentPage, HomeFeaturedPractice
from practices.models import Funder, PracticeFunding
from tests.factories import PracticePageFactory
from tests.figures import report

pytestmark = pytest.mark.django_db


def make_practices(index, count, start=0):
    practices = []
    for n in range(start, start + count):
        page = PracticePageFactory(parent=index, title=f"Navette seniors {n}", slug=f"navette-seniors-{n}", themes=["mobilite", "sante"])
        page.image = ImageFactory()
        page.image_alt = "Un minibus devant la mairie"
        page.fundings = [PracticeFunding(funder=Funder.objects.get(slug="anct"), amount=1000)]
        page.save_revision().publish()
        practices.append(page)
    return practices


def warm(client, *urls):
    """First views create image renditions and fill caches, as they do once in production."""
    for url in urls:
        client.get(url)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


def test_home_shows_themes_featured_latest_and_key_figures(client, site_tree):
    practices = make_practices(site_tree["index"], 3)
    HomeFeaturedPractice.objects.create(home=site_tree["home"], practice=practices[2], blurb="Un modèle à suivre", sort_order=0)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in html
    assert "Accès aux soins / santé" in html
    assert "Un modèle à suivre" in html
    assert "À la une" in html
    assert "Navette seniors 0" in html
    assert "<strong>3</strong> retours d'expérience" in html
    assert 'href="/mentions-legales/"' in html and 'href="/accessibilite/"' in html and 'href="/donnees-personnelles/"' in html
    assert 'class="fr-skiplinks"' in html


def test_practice_page_shows_commune_facts_and_sections(client, site_tree):
    practice = make_practices(site_tree["index"], 1)[0]
    response = client.get(practice.url)
    html = response.content.decode()
    commune = practice.commune
    assert response.status_code == 200
    assert commune.name in html
    assert commune.department.name in html
    assert commune.department.region.name in html
    assert re.search(r"4[\s\u202f\xa0]200\s+habitants", html), "the population, with a French thousands separator"
    assert "Trois médecins partaient à la retraite." in html
    assert "ANCT" in html
    assert html.count("<h1") == 1


def test_theme_page_lists_only_its_practices(client, site_tree):
    make_practices(site_tree["index"], 2)
    PracticePageFactory(parent=site_tree["index"], title="Cour d'école oasis", themes=["nature-en-ville"])
    html = client.get("/pratiques/thematiques/nature-en-ville/").content.decode()
    assert "Cour d&#x27;école oasis" in html or "Cour d'école oasis" in html
    assert "Navette seniors 0" not in html
    assert client.get("/pratiques/thematiques/inconnue/").status_code == 404


def test_index_filters_by_theme_and_survives_bad_page_numbers(client, site_tree):
    make_practices(site_tree["index"], 2)
    assert client.get("/pratiques/?thematique=mobilite").status_code == 200
    for bad in ["-1", "abc", "999999", "1e9"]:
        assert client.get(f"/pratiques/?page={bad}").status_code == 200


def test_legal_pages_and_404_render_in_the_layout(client, site_tree):
    ContentPage(title="Mentions légales", slug="mentions-legales", body="<p>Éditeur : ANCT</p>")
    site_tree["home"].add_child(instance=ContentPage(title="Mentions légales", slug="mentions-legales", body="<p>Éditeur : ANCT</p>"))
    assert "Éditeur : ANCT" in client.get("/mentions-legales/").content.decode()
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode()


# Warm SQL queries per page (issue 15): whatever the number of practices.
QUERY_BUDGET = {"home": 12, "practice page": 12, "index": 12, "search": 8, "theme page": 12}


def page_queries(client, practice):
    urls = {
        "home": "/",
        "practice page": practice.url,
        "index": "/pratiques/",
        "search": "/recherche/?q=navette&thematique=mobilite",
        "theme page": "/pratiques/thematiques/mobilite/",
    }
    warm(client, *urls.values())
    counts = {}
    for name, url in urls.items():
        counts[name], response = count_queries(client, url)
        if name == "practice page":
            html = response.content.decode()
    return counts, html


def test_pages_use_a_bounded_number_of_queries_whatever_the_content(client, site_tree, django_user_model):
    from django.core.cache import cache

    author = django_user_model.objects.create_user("cheffe", first_name="Claire", last_name="Martin")
    practices = make_practices(site_tree["index"], 3)
    HomeFeaturedPractice.objects.create(home=site_tree["home"], practice=practices[1], sort_order=0)
    for page in practices:
        page.owner = author
        page.save_revision().publish()
    few, html = page_queries(client, practices[0])
    # What the related data shows is really there: author box, same author, similar, featured mark.
    assert "Claire Martin" in html
    assert "Du même auteur" in html and "Retours d'expérience similaires" in html
    assert "À la une" in html

    more = make_practices(site_tree["index"], 61, start=10)
    HomeFeaturedPractice.objects.create(home=site_tree["home"], practice=more[0], sort_order=1)
    for page in more[:8]:
        page.owner = author
        page.save_revision().publish()
    cache.clear()
    many, _ = page_queries(client, more[0])
    report("SQL queries, warm, 64 practices — " + ", ".join(f"{name}: {n}" for name, n in many.items()))
    for name, budget in QUERY_BUDGET.items():
        # More content never means more queries (fewer is possible: a section may be empty with little content).
        assert many[name] <= few[name], (name, few[name], many[name])
        assert many[name] <= budget, (name, many[name], budget)


def test_similar_practices_follow_publication_not_views(client, site_tree):
    """Computed once per publication: a view reuses them, a publish or unpublish refreshes them."""
    practices = make_practices(site_tree["index"], 3)
    first = practices[0]
    warm(client, first.url)
    assert "Navette seniors 1" in client.get(first.url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(first.url)
    assert not any("search_fts" in q["sql"] or "search_searchdocument" in q["sql"] for q in queries.captured_queries)
    practices[1].unpublish()
    html = client.get(first.url).content.decode()
    assert "Navette seniors 1" not in html and "Navette seniors 2" in html
    practices[1].save_revision().publish()
    assert "Navette seniors 1" in client.get(first.url).content.decode()


def test_key_figures_follow_publication(client, site_tree):
    practices = make_practices(site_tree["index"], 2)
    assert "<strong>2</strong> retours d'expérience" in client.get("/").content.decode()
    practices[0].unpublish()
    assert "<strong>1</strong> retour" in client.get("/").content.decode()


def theme_tile_count(html, name):
    tile = re.search(re.escape(name) + r"</a></h3>\s*<p class=\"fr-tile__detail\">(\d+) retours?", html)
    assert tile, name
    return int(tile.group(1))


def test_theme_counts_follow_publication_not_views(client, site_tree):
    """The home page's theme tiles and an empty search's « Explorer une thématique » count live
    write-ups once per publication, not on every view (a join over every theme link)."""
    practices = make_practices(site_tree["index"], 2)
    assert theme_tile_count(client.get("/").content.decode(), "Mobilité") == 2
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
        empty = client.get("/recherche/?q=zzzzqqq").content.decode()
    assert theme_tile_count(html, "Mobilité") == 2
    # the cards' own themes are still read (a prefetch); no count over the links
    assert not any("COUNT" in q["sql"] and "practices_practicepage_themes" in q["sql"] for q in queries.captured_queries)
    explore = empty.split("Explorer une thématique", 1)[1]
    assert "?thematique=mobilite" in explore and "?thematique=sante" in explore
    assert "?thematique=habitat" not in explore  # no live write-up: not offered

    practices[0].unpublish()
    assert theme_tile_count(client.get("/").content.decode(), "Mobilité") == 1
    practices[1].unpublish()
    assert theme_tile_count(client.get("/").content.decode(), "Mobilité") == 0
    assert "Explorer une thématique" not in client.get("/recherche/?q=zzzzqqq").content.decode()
    practices[1].save_revision().publish()
    assert "?thematique=mobilite" in client.get("/recherche/?q=zzzzqqq").content.decode()


def test_a_private_section_added_after_views_is_enforced_at_once(client, site_tree):
    """Whether any private section exists is cached (practices/visibility.py): adding one must
    take effect on the next request, on the page and in the lists."""
    from wagtail.models import PageViewRestriction

    practices = make_practices(site_tree["index"], 2)
    warm(client, "/", practices[0].url)
    assert client.get(practices[0].url).status_code == 200
    assert "Navette seniors 0" in client.get("/").content.decode()
    PageViewRestriction.objects.create(page=practices[0], restriction_type=PageViewRestriction.LOGIN)
    response = client.get(practices[0].url)
    assert response.status_code == 302, "a login-only page redirects anonymous readers to the login form"
    assert "Navette seniors 0" not in client.get("/").content.decode()


def test_featured_mark_follows_the_editors_choice_at_once(client, site_tree):
    practices = make_practices(site_tree["index"], 2)
    assert "À la une" not in client.get(practices[0].url).content.decode()
    HomeFeaturedPractice.objects.create(home=site_tree["home"], practice=practices[0], sort_order=0)
    assert "À la une" in client.get(practices[0].url).content.decode()


def test_the_benchmarks_plain_view_is_not_served_by_the_site(client, site_tree):
    """bench/peer.py's plain view exists only under kb.settings.bench (kb/bench_urls.py)."""
    assert client.get("/__bench__/plain/").status_code == 404
