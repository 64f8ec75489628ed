"""Fixtures of the search tests: a small, varied set of practices, and the two engines.

The OpenSearch engine runs against a fresh osmem-server clone per test, or against the real
server named by the OPENSEARCH_URL environment variable (each test then gets its own index
prefix, removed afterwards)."""

import os
import uuid

import pytest

REAL_OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")


@pytest.fixture(autouse=True)
def _search_state(settings):
    from search import sync
    from search.engines import opensearch

    settings.OPENSEARCH_URL = ""
    settings.OPENSEARCH_STEMMER = "french" if not REAL_OPENSEARCH_URL else settings.OPENSEARCH_STEMMER
    settings.OPENSEARCH_RETRY_SECONDS = 30
    sync.reset_state()
    opensearch.reset_engine()
    yield
    sync.reset_state()
    opensearch.reset_engine()


@pytest.fixture
def opensearch_url(request):
    if REAL_OPENSEARCH_URL:
        return REAL_OPENSEARCH_URL
    clone = request.getfixturevalue("osmem_clone")
    return clone.url


@pytest.fixture
def use_opensearch(settings, opensearch_url):
    """Switch the site to OpenSearch (an empty cluster, or a fresh prefix on a real one)."""
    from search.engines import opensearch

    settings.OPENSEARCH_URL = opensearch_url
    settings.OPENSEARCH_TIMEOUT = 5
    settings.OPENSEARCH_INDEX_PREFIX = f"t{uuid.uuid4().hex[:8]}"
    opensearch.reset_engine()
    engine = opensearch.get_engine()
    engine.create_index_if_missing()
    yield engine
    if REAL_OPENSEARCH_URL:
        engine.drop_all()
    opensearch.reset_engine()


@pytest.fixture
def places(db):
    from tests.factories import CommuneFactory, DepartmentFactory, RegionFactory

    ara = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    bre = RegionFactory(code="53", name="Bretagne")
    rhone = DepartmentFactory(code="69", name="Rhône", region=ara)
    ain = DepartmentFactory(code="01", name="Ain", region=ara)
    finistere = DepartmentFactory(code="29", name="Finistère", region=bre)
    return {
        "beaujeu": CommuneFactory(insee_code="69018", name="Beaujeu", department=rhone, population=2100),
        "belley": CommuneFactory(insee_code="01034", name="Belley", department=ain, population=9300),
        "landerneau": CommuneFactory(insee_code="29103", name="Landerneau", department=finistere, population=15900),
    }


PRACTICES = [
    # slug, title, summary, body, themes, commune, phase, programme, year
    ("msp-beaujeu", "Une maison de santé pluriprofessionnelle en centre-bourg",
     "Six médecins installés dans une maison de santé ouverte dans l'ancienne gendarmerie.",
     "<p>Trois médecins partaient à la retraite. La commune a réhabilité un bâtiment pour accueillir les soignants.</p>",
     ["sante"], "beaujeu", "realise", "pvd", 2019),
    ("navette-belley", "Une navette pour les seniors du bourg",
     "Un transport à la demande emmène les personnes âgées au marché et chez le médecin.",
     "<p>Le minibus électrique circule deux jours par semaine. Les réservations se font par téléphone.</p>",
     ["mobilite"], "belley", "en_cours", "pvd", 2022),
    ("tiers-lieu-landerneau", "Un tiers-lieu numérique dans l'ancienne poste",
     "Espace de coworking, fablab et conseiller numérique pour l'inclusion numérique.",
     "<p>La fermeture du bureau de poste a libéré un local en centre-ville. Les habitants y apprennent les démarches en ligne.</p>",
     ["numerique", "services-publics"], "landerneau", "realise", "acv", 2021),
    ("cour-ecole-beaujeu", "Végétaliser la cour de l'école",
     "La cour d'école bitumée devient un îlot de fraîcheur planté d'arbres.",
     "<p>Les enfants ont participé à la conception. Les arbres et les noues récupèrent l'eau de pluie.</p>",
     ["nature-en-ville"], "beaujeu", "evalue", "pvd", 2023),
    ("velo-belley", "Prêt de vélos à assistance électrique",
     "La commune prête des VAE aux habitants pendant un mois pour essayer le vélo au quotidien.",
     "<p>Quarante vélos électriques ont été achetés avec l'aide de l'ADEME.</p>",
     ["mobilite", "transition-ecologique"], "belley", "realise", "villages_avenir", 2020),
]


@pytest.fixture
def practices(site_tree, places):
    """Five published practices, indexed by the publish signal."""
    from tests.factories import PracticePageFactory

    pages = {}
    for slug, title, summary, body, themes, commune, phase, programme, year in PRACTICES:
        pages[slug] = PracticePageFactory(
            parent=site_tree["index"], slug=slug, title=title, summary=summary, context=body,
            themes=themes, commune=places[commune], phase=phase, programme=programme, start_year=year,
        )
    return pages
