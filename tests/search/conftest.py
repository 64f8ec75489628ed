"""Fixtures of the search tests: a small, varied set of practices, and the two engines.

The OpenSearch engine runs against a fresh osmem-server clone per test, or against the real
server named by the OPENSEARCH_URL environment variable (each test then gets its own index
prefix, removed afterwards)."""

import contextlib
import os
import uuid

import pytest

REAL_OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")


@pytest.fixture(autouse=True)
def _search_state(settings, monkeypatch):
    from search import sync
    from search.engines import opensearch

    # Wagtail's own (admin) search index is not what these tests look at: skip its updates
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
    # tests run inside a transaction that never commits: run after-commit work at once
    monkeypatch.setattr(sync, "after_commit", lambda func: func())

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
    return _publish_practices(site_tree["index"], places)


@contextlib.contextmanager
def shared_practices(request, django_db_blocker, engine: str):
    """Create the practices once for a whole module (like Django's setUpTestData): inside an
    outer transaction rolled back at the end; each test runs in a savepoint within it.
    Only for read-only tests: OpenSearch writes are not rolled back."""
    from django.db import transaction
    from django.test import override_settings

    from search import sync
    from search.engines import opensearch

    overrides = {
        "OPENSEARCH_URL": "",
        "WAGTAILSEARCH_BACKENDS": {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}},
    }
    clone = None
    if engine == "opensearch":
        if REAL_OPENSEARCH_URL:
            url = REAL_OPENSEARCH_URL
        else:
            clone = request.getfixturevalue("osmem_server").clone()
            url = clone.url
        overrides.update(
            OPENSEARCH_URL=url, OPENSEARCH_TIMEOUT=5, OPENSEARCH_INDEX_PREFIX=f"m{uuid.uuid4().hex[:8]}",
            OPENSEARCH_STEMMER="french" if not REAL_OPENSEARCH_URL else "light_french",
        )
    original_after_commit = sync.after_commit
    with django_db_blocker.unblock(), override_settings(**overrides):
        sync.after_commit = lambda func: func()
        sync.reset_state()
        opensearch.reset_engine()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            if engine == "opensearch":
                opensearch.get_engine().create_index_if_missing()
            yield {"engine": engine, "practices": _create_practices(), "settings": overrides}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            sync.after_commit = original_after_commit
            if engine == "opensearch":
                if REAL_OPENSEARCH_URL:
                    opensearch.get_engine().drop_all()
                if clone is not None:
                    clone.close()
            opensearch.reset_engine()
            sync.reset_state()


def _create_practices():
    from wagtail.models import Page, Site

    from tests.factories import (
        CommuneFactory,
        DepartmentFactory,
        HomePageFactory,
        PracticeIndexPageFactory,
        RegionFactory,
    )

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="accueil-partage")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80})
    index = PracticeIndexPageFactory(parent=home)
    ara = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    bre = RegionFactory(code="53", name="Bretagne")
    places = {
        "beaujeu": CommuneFactory(insee_code="69018", name="Beaujeu", population=2100,
                                  department=DepartmentFactory(code="69", name="Rhône", region=ara)),
        "belley": CommuneFactory(insee_code="01034", name="Belley", population=9300,
                                 department=DepartmentFactory(code="01", name="Ain", region=ara)),
        "landerneau": CommuneFactory(insee_code="29103", name="Landerneau", population=15900,
                                     department=DepartmentFactory(code="29", name="Finistère", region=bre)),
    }
    return _publish_practices(index, places)


def _publish_practices(index, places):
    from tests.factories import PracticePageFactory

    pages = {}
    for slug, title, summary, body, themes, commune, phase, programme, year in PRACTICES:
        pages[slug] = PracticePageFactory(
            parent=index, slug=slug, title=title, summary=summary, context=body,
            themes=themes, commune=places[commune], phase=phase, programme=programme, start_year=year,
        )
    return pages


@contextlib.contextmanager
def module_site(django_db_blocker, slug):
    """A site tree (home page, practice index) for a module's worth of tests, indexed by the
    embedded engine as practices are published, inside a transaction rolled back at the end."""
    from django.db import transaction
    from django.test import override_settings
    from wagtail.models import Page, Site

    from search import sync
    from search.engines import opensearch
    from tests.factories import HomePageFactory, PracticeIndexPageFactory

    overrides = {
        "OPENSEARCH_URL": "",
        "WAGTAILSEARCH_BACKENDS": {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}},
    }
    original_after_commit = sync.after_commit
    with django_db_blocker.unblock(), override_settings(**overrides):
        sync.after_commit = lambda func: func()
        sync.reset_state()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            home = HomePageFactory(parent=Page.get_first_root_node(), slug=slug)
            Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80})
            yield PracticeIndexPageFactory(parent=home)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            sync.after_commit = original_after_commit
            sync.reset_state()
            opensearch.reset_engine()
