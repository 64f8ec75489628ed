"""Curation: featured cases on the home page, the editors' dashboard, the commune picker."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.featuring import toggle_home_feature
from search.stats import record_search, top_zero_result_searches
from tests.factories import CommuneFactory, DepartmentFactory, PracticePageFactory

from .admin_forms import edit_form_data, is_refused


def test_editor_features_cases_on_the_home_page_in_the_chosen_order(client, site_tree, editor, contributor, photo):
    first = PracticePageFactory(parent=site_tree["index"], title="Cour d'école végétalisée", owner=contributor, image=photo, image_alt="Une cour")
    second = PracticePageFactory(parent=site_tree["index"], title="Navette des hameaux", owner=contributor, image=photo, image_alt="Un bus")
    home = site_tree["home"]
    client.force_login(editor)
    rows = {
        "featured_practices-TOTAL_FORMS": "2",
        "featured_practices-0-practice": str(second.pk),
        "featured_practices-0-blurb": "Le cas le plus demandé cet hiver",
        "featured_practices-0-ORDER": "1",
        "featured_practices-0-id": "",
        "featured_practices-1-practice": str(first.pk),
        "featured_practices-1-blurb": "",
        "featured_practices-1-ORDER": "2",
        "featured_practices-1-id": "",
        "action-publish": "action-publish",
    }
    data = edit_form_data(client, home, **rows)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    client.logout()
    html = client.get(home.url).content.decode()
    assert html.index("Navette des hameaux") < html.index("Cour d&#x27;école végétalisée")
    assert "Le cas le plus demandé cet hiver" in html
    assert "À la une" in html
    # The mark follows the case to its own page.
    assert "À la une" in client.get(second.url).content.decode()


def test_contributor_cannot_feature_by_posting_the_home_form(client, site_tree, contributor):
    client.force_login(contributor)
    home = site_tree["home"]
    response = client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), {"title": "Accueil", "action-publish": "1"})
    assert is_refused(response)
    assert not Page.objects.get(pk=home.pk).specific.featured_practices.exists()


def test_dashboard_panels_for_editors(client, site_tree, editor, contributor):
    older = PracticePageFactory(parent=site_tree["index"], title="Soumis en premier", owner=contributor)
    newer = PracticePageFactory(parent=site_tree["index"], title="Soumis ensuite", owner=contributor)
    workflow = site_tree["index"].get_workflow()
    for page in (older, newer):
        page.save_revision(user=contributor)
        workflow.start(page, contributor)
    for _ in range(3):
        record_search("maison france services itinérante", found=False)
    record_search("Bus électrique", found=False)
    record_search("   ", found=False)

    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "en attente de relecture" in html
    assert html.index("Soumis en premier") < html.index("Soumis ensuite")
    assert "Derniers retours d&#x27;expérience publiés" in html or "Derniers retours d'expérience publiés" in html
    assert "Recherches sans résultat" in html
    assert html.index("maison france services itinérante") < html.index("bus électrique")
    top = top_zero_result_searches()[0]
    assert (top["label"], top["zero_results"]) == ("maison france services itinérante", 3)


def test_dashboard_hides_statistics_from_contributors(client, site_tree, contributor):
    client.force_login(contributor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Recherches sans résultat" not in html
    assert "en attente de relecture" not in html


@pytest.fixture
def two_beaujeu(db):
    hautes_alpes = DepartmentFactory(code="04", name="Alpes-de-Haute-Provence")
    rhone = DepartmentFactory(code="69", name="Rhône")
    return [
        CommuneFactory(name="Beaujeu", insee_code="04024", department=hautes_alpes, population=120, postal_codes=["04420"]),
        CommuneFactory(name="Beaujeu", insee_code="69018", department=rhone, population=2100, postal_codes=["69430"]),
        CommuneFactory(name="Saint-Étienne", insee_code="42218", population=170000, postal_codes=["42000"]),
        CommuneFactory(name="Évian-les-Bains", insee_code="74119", population=9000, postal_codes=["74500"]),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("beaujeu", ["69018", "04024"]),
        ("BEAUJEU", ["69018", "04024"]),
        ("st etienne", ["42218"]),
        ("saint etienne", ["42218"]),
        ("evian", ["74119"]),
        ("69018", ["69018"]),
        ("04420", ["04024"]),
    ],
)
def test_commune_picker_search(client, editor, two_beaujeu, query, expected):
    client.force_login(editor)
    response = client.get(reverse("commune_chooser:choose_results"), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    # Each row shows the INSEE code, then the postal code.
    codes = re.findall(r"<td[^>]*>\s*(\d[\dAB]{4})\s*</td>", html)[::2]
    assert codes == expected


def test_commune_picker_tells_homonyms_apart(client, contributor, two_beaujeu):
    client.force_login(contributor)
    response = client.get(reverse("commune_chooser:choose"), {"q": "Beaujeu"})
    assert response.status_code == 200
    html = response.json()["html"]
    assert "Rhône (69)" in html and "Alpes-de-Haute-Provence (04)" in html


def test_practice_form_uses_the_commune_picker(client, site_tree, contributor):
    client.force_login(contributor)
    html = client.get(reverse("wagtailadmin_pages:add", args=["practices", "practicepage", site_tree["index"].pk])).content.decode()
    assert reverse("commune_chooser:choose") in html
    assert "Choisir une commune" in html


def test_theme_and_funder_snippets_list_for_editors(client, editor):
    client.force_login(editor)
    html = client.get(reverse("wagtailsnippets_practices_theme:list")).content.decode()
    assert "Mobilité" in html and "Nature en ville" in html
    html = client.get(reverse("wagtailsnippets_practices_funder:list"), {"q": "banque"}).content.decode()
    assert "Banque des Territoires" in html and "Cerema" not in html


def test_one_click_feature_from_the_page_menu(client, site_tree, editor, contributor, photo):
    practice = PracticePageFactory(parent=site_tree["index"], title="Tiers-lieu numérique", owner=contributor, image=photo, image_alt="Un tiers-lieu")
    already = PracticePageFactory(parent=site_tree["index"], title="Halle gourmande", owner=contributor, image=photo, image_alt="Une halle")
    home = site_tree["home"]
    toggle_home_feature(already, editor)
    client.force_login(editor)
    edit_html = client.get(reverse("wagtailadmin_pages:edit", args=[practice.pk])).content.decode()
    url = reverse("ppi_feature", args=[practice.pk])
    assert url in edit_html
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    home.refresh_from_db()
    assert [f.practice_id for f in home.featured_practices.order_by("sort_order")] == [already.pk, practice.pk]
    client.logout()
    html = client.get(home.url).content.decode()
    assert html.index("Halle gourmande") < html.index("Tiers-lieu numérique")
    # A second click takes it off again.
    client.force_login(editor)
    client.post(url)
    home.refresh_from_db()
    assert [f.practice_id for f in home.featured_practices.all()] == [already.pk]


def test_contributors_cannot_feature(client, site_tree, contributor):
    practice = PracticePageFactory(parent=site_tree["index"], owner=contributor)
    client.force_login(contributor)
    url = reverse("ppi_feature", args=[practice.pk])
    assert url not in client.get(reverse("wagtailadmin_pages:edit", args=[practice.pk])).content.decode()
    assert client.post(url).status_code in (302, 403)
    assert not site_tree["home"].featured_practices.exists()


def test_chosen_commune_is_labelled_with_its_department(client, contributor, two_beaujeu):
    client.force_login(contributor)
    beaujeu_04 = two_beaujeu[0]
    response = client.get(reverse("commune_chooser:chosen", args=[beaujeu_04.pk]))
    assert response.json()["result"]["title"] == "Beaujeu — Alpes-de-Haute-Provence (04) · INSEE 04024"
