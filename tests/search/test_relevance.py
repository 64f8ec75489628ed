"""Relevance over the demo content: for each query, is an expected practice in the top 3?

The demo write-ups (practices/demo/practices_*.json) are loaded once for the module (without
their illustrations), indexed by the embedded engine through the publish signal, then into an
OpenSearch index by a rebuild. The share of queries answered well is printed per engine; the
test fails under MIN_SHARE. Queries whose expected practices are not in the demo are skipped.
"""

import json
import uuid

import pytest
from django.conf import settings as django_settings

from search import api
from search.types import SearchParams
from tests.figures import report
from tests.search.conftest import REAL_OPENSEARCH_URL, module_site

pytestmark = pytest.mark.django_db
MIN_SHARE = 0.8

QUERIES = [
    ("maison de sante", ["a-maison-sante-pluriprofessionnelle-murat", "b-msp-centre-bourg-eymoutiers"]),
    ("MSP", ["a-maison-sante-pluriprofessionnelle-murat", "b-msp-centre-bourg-eymoutiers"]),
    ("navette seniors", ["a-navette-seniors-transport-solidaire-rostrenen", "b-navette-seniors-marche-marciac"]),
    ("végétaliser cour école", ["a-cour-ecole-vegetalisee-cour-oasis-luxeuil-les-bains", "b-cour-oasis-ecole-dourdan"]),
    ("tiers lieu numerique", ["a-tiers-lieu-numerique-fab-lab-fourmies"]),
    ("fermeture bureau de poste", ["a-espace-france-services-agence-postale-fruges"]),
    ("velo electrique", ["a-location-velo-assistance-electrique-die"]),
    ("TAD", ["a-transport-a-la-demande-argonne-vouziers", "b-transport-a-la-demande-ruffec"]),
    ("OPAH-RU", ["a-opah-ru-centre-ancien-thiers", "b-logements-vacants-opah-ru-permis-de-louer-bolbec"]),
    ("ORT", ["a-convention-ort-operation-revitalisation-territoire-commercy"]),
    ("boutique à l'essai", ["a-boutique-a-l-essai-vacance-commerciale-guise"]),
    ("halle marché de producteurs", ["a-renovation-halle-marche-producteurs-aubigny-sur-nere", "b-marche-producteurs-locaux-beaupreau-en-mauges"]),
    ("restauration église", ["a-restauration-eglise-saint-genest-flavigny-sur-ozerain"]),
    ("budget participatif", ["a-budget-participatif-crest"]),
    ("voie verte", ["a-voie-verte-axe-vert-thierache-hirson", "b-voie-verte-ancienne-voie-ferree-confolens"]),
    ("logements étudiants", ["a-logements-etudiants-centre-ancien-corte"]),
    ("cantine bio", ["a-cantine-bio-locale-legumerie-ghisonaccia", "b-cantine-bio-projet-alimentaire-territorial-pouzauges"]),
    ("habitat indigne", ["a-habitat-indigne-dents-creuses-bourg-capesterre-belle-eau"]),
    ("ilot de fraicheur", ["a-ilots-de-fraicheur-vegetalisation-saint-laurent-du-maroni", "b-jardin-partage-ilot-fraicheur-apt"]),
    ("réseau de chaleur bois", ["a-reseau-de-chaleur-bois-intercommunal-oyonnax", "b-reseau-chaleur-bois-saint-chely-d-apcher"]),
    ("friche industrielle", ["a-reconversion-friche-industrielle-megisserie-annonay", "b-friche-industrielle-reconvertie-saint-calais"]),
    ("extinction éclairage public", ["a-eclairage-public-led-extinction-nocturne-sancerre", "b-eclairage-public-led-ernee"]),
    ("internes en médecine", ["a-logement-internes-medecins-stagiaires-langres", "b-accueil-internes-medecine-saint-pons-de-thomieres"]),
    ("maison des jeunes", ["a-maison-des-jeunes-sarre-union", "b-maison-des-jeunes-barcelonnette"]),
    ("épicerie solidaire", ["a-epicerie-solidaire-mauron", "b-epicerie-solidaire-bellac"]),
    ("autopartage voitures électriques", ["a-autopartage-voitures-electriques-marcigny", "b-covoiturage-autopartage-clisson"]),
    ("téléconsultation", ["b-cabine-teleconsultation-mortagne-au-perche"]),
    ("conseiller numerique seniors", ["b-conseiller-numerique-seniors-forcalquier"]),
    ("France services itinérant", ["b-bus-france-services-itinerant-saint-affrique"]),
    ("manager de commerce", ["b-manager-commerce-sarlat"]),
    ("désert médical", ["a-maison-sante-pluriprofessionnelle-murat", "b-msp-centre-bourg-eymoutiers"]),
    ("maisn de santé", ["a-maison-sante-pluriprofessionnelle-murat", "b-msp-centre-bourg-eymoutiers"]),
    ("transprt a la demande", ["a-transport-a-la-demande-argonne-vouziers", "b-transport-a-la-demande-ruffec"]),
    ("habitat inclusif seniors", ["a-habitat-inclusif-seniors-ancien-couvent-chateaudun"]),
    ("conseil citoyen", ["a-conseil-citoyen-reamenagement-place-pontivy", "b-conseil-citoyen-sisteron"]),
    ("haies bocagères", ["a-plantation-haies-foret-urbaine-loudeac"]),
    ("campagne de façades", ["a-ravalement-facades-petite-cite-de-caractere-becherel", "b-patrimoine-facades-parcours-lodeve"]),
    ("camping municipal", ["b-camping-municipal-navarrenx"]),
    ("rénovation énergétique école", ["b-renovation-energetique-ecole-coutances"]),
    ("VAE", ["a-location-velo-assistance-electrique-die"]),
]


def load_demo(index):
    """The demo write-ups as published pages, with their communes (from the official list)."""
    from home.demo.content import SECTION_FIELDS, load_demo_rows, paragraphs
    from practices.models import (
        Commune,
        Department,
        Funder,
        PracticeFunding,
        PracticePage,
        Region,
        Theme,
    )

    rows = load_demo_rows()
    data_dir = django_settings.COMMUNES_DATA_DIR
    wanted = {row["commune_insee"] for row in rows}
    communes = {
        c["code"]: c
        for c in json.loads((data_dir / "communes.json").read_text(encoding="utf-8"))
        if c["code"] in wanted and c.get("type", "commune-actuelle") == "commune-actuelle"
    }
    departments = {d["code"]: d for d in json.loads((data_dir / "departements.json").read_text(encoding="utf-8"))}
    regions = {r["code"]: r for r in json.loads((data_dir / "regions.json").read_text(encoding="utf-8"))}
    themes = {t.slug: t for t in Theme.objects.all()}
    funders = {f.slug: f for f in Funder.objects.all()}
    pages = {}
    for row in rows:
        info = communes.get(row["commune_insee"])
        commune = None
        if info:
            dep = departments[info["departement"]]
            region, _ = Region.objects.get_or_create(code=dep["region"], defaults={"name": regions[dep["region"]]["nom"]})
            department, _ = Department.objects.get_or_create(code=dep["code"], defaults={"name": dep["nom"], "region": region})
            commune, _ = Commune.objects.get_or_create(
                insee_code=info["code"], kind="commune-actuelle",
                defaults={"name": info["nom"], "department": department, "population": info.get("population")},
            )
        sections = row.get("sections") or {}
        page = PracticePage(
            title=row["title"], slug=row["slug"], summary=row["summary"], commune=commune,
            programme=row.get("programme") or "pvd", phase=row["phase"], start_year=row.get("start_year"),
            end_year=row.get("end_year"), partners=row.get("partners") or "",
            **{field: paragraphs(sections.get(key)) for key, field in SECTION_FIELDS.items()},
        )
        index.add_child(instance=page)
        page.themes = [themes[s] for s in row["themes"] if s in themes]
        page.tags.add(*row.get("keywords", []))
        page.fundings = [
            PracticeFunding(funder=funders[f["funder"]], amount=f.get("amount"))
            for f in row.get("funders") or [] if f.get("funder") in funders
        ]
        page.save_revision().publish()
        pages[row["slug"]] = page
    return pages


@pytest.fixture(scope="module")
def demo(request, django_db_setup, django_db_blocker):
    with module_site(django_db_blocker, "accueil-demo") as index:
        yield load_demo(index)


@pytest.fixture(scope="module")
def demo_opensearch(request, demo, django_db_blocker):
    """The same content in a fresh OpenSearch index (emulator clone, or OPENSEARCH_URL)."""
    from django.test import override_settings

    from search.documents import iter_documents
    from search.engines import opensearch

    clone = None
    if REAL_OPENSEARCH_URL:
        url = REAL_OPENSEARCH_URL
    else:
        clone = request.getfixturevalue("osmem_server").clone()
        url = clone.url
    overrides = {
        "OPENSEARCH_URL": url, "OPENSEARCH_TIMEOUT": 10, "OPENSEARCH_INDEX_PREFIX": f"r{uuid.uuid4().hex[:8]}",
        "OPENSEARCH_STEMMER": "french" if not REAL_OPENSEARCH_URL else "light_french",
    }
    with django_db_blocker.unblock(), override_settings(**overrides):
        opensearch.reset_engine()
        engine = opensearch.get_engine()
        engine.rebuild(iter_documents())
    yield overrides
    if REAL_OPENSEARCH_URL:
        with override_settings(**overrides):
            opensearch.reset_engine()
            opensearch.get_engine().drop_all()
    if clone is not None:
        clone.close()
    opensearch.reset_engine()


def measure(demo, label: str) -> float:
    by_id = {page.pk: slug for slug, page in demo.items()}
    answered, failures = 0, []
    queries = [(q, [s for s in expected if s in demo]) for q, expected in QUERIES]
    queries = [(q, expected) for q, expected in queries if expected]
    for q, expected in queries:
        results = api.search(SearchParams(q=q))
        top3 = [by_id.get(h.page_id) for h in results.hits[:3]]
        if set(top3) & set(expected):
            answered += 1
        else:
            failures.append((q, top3))
    share = answered / len(queries)
    report(f"relevance ({label}): {answered}/{len(queries)} queries with an expected practice in the top 3 = {share:.0%}")
    for q, top3 in failures:
        report(f"  missed: {q!r} → {top3}")
    return share


def test_relevance_embedded(demo, settings):
    assert len(QUERIES) >= 25
    settings.OPENSEARCH_URL = ""
    assert measure(demo, "embedded") >= MIN_SHARE


@pytest.mark.opensearch
def test_relevance_opensearch(demo, demo_opensearch, settings):
    from search.engines import opensearch

    for name, value in demo_opensearch.items():
        setattr(settings, name, value)
    opensearch.reset_engine()
    results = api.search(SearchParams(q="maison de sante"))
    assert results.engine == "opensearch" and not results.degraded
    assert measure(demo, "opensearch" + (" emulator" if not REAL_OPENSEARCH_URL else "")) >= MIN_SHARE
