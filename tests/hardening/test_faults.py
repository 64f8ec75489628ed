"""Faults: the search engine down or killed during a rebuild, database errors.

Covered elsewhere and not repeated here: edits queued while OpenSearch is down and replayed with
no drift (tests/search/test_sync_engine_down.py), the degraded notice with a stubbed engine
(tests/search_ui/test_search_page.py)."""

import time

import pytest
from django.db.utils import OperationalError

from tests.factories import PracticePageFactory
from tests.figures import report

CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def search_state(settings, monkeypatch):
    from search import sync
    from search.engines import opensearch

    # Wagtail's admin search index is not under test here.
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
    # The test's transaction never commits: run after-commit work at once.
    monkeypatch.setattr(sync, "after_commit", lambda func: func())
    settings.OPENSEARCH_TIMEOUT = 1
    sync.reset_state()
    opensearch.reset_engine()
    yield
    sync.reset_state()
    opensearch.reset_engine()


def _engine_at(settings, url):
    from search import sync
    from search.engines import opensearch

    settings.OPENSEARCH_URL = url
    opensearch.reset_engine()
    sync.reset_state()
    return opensearch.get_engine()


# --- engine down ----------------------------------------------------------------------------------

@pytest.mark.django_db
def test_engine_down_search_page_falls_back_with_a_notice_and_edits_are_queued(client, site_tree, search_state, settings):
    from search.models import PendingIndexOperation

    _engine_at(settings, CLOSED_PORT)
    started = time.perf_counter()
    practice = PracticePageFactory(parent=site_tree["index"], title="Maison de santé des Monts du Lyonnais")
    publish_seconds = time.perf_counter() - started
    assert PendingIndexOperation.objects.filter(page_id=practice.pk).exists()

    started = time.perf_counter()
    response = client.get("/recherche/", {"q": "santé"})
    search_seconds = time.perf_counter() - started
    html = response.content.decode()
    assert response.status_code == 200
    assert "mode dégradé" in html
    assert "Maison de santé des Monts du Lyonnais" in html
    report(f"engine at a closed port: publish {publish_seconds:.2f} s (queued), search page {search_seconds:.2f} s (fallback)")
    assert publish_seconds < 5 and search_seconds < 5


# --- engine killed or cut off during a rebuild --------------------------------------------------------

def _practices(site_tree, n=6):
    return [PracticePageFactory(parent=site_tree["index"], title=f"Navette des hameaux {i}") for i in range(n)]


def _interrupting(docs, after, action):
    for i, doc in enumerate(docs):
        if i == after:
            action()
        yield doc


@pytest.mark.django_db
@pytest.mark.opensearch
def test_rebuild_cut_off_half_way_leaves_the_alias_on_the_last_complete_index(site_tree, search_state, settings, osmem_clone):
    from search import api
    from search.documents import iter_documents
    from search.types import SearchParams

    engine = _engine_at(settings, osmem_clone.url)
    _practices(site_tree)
    first = engine.rebuild(iter_documents())
    assert engine.aliased_indices() == [first["index"]]

    def cut():
        raise ConnectionError("connection reset by peer")

    with pytest.raises(Exception):  # noqa: B017 — whatever the client raises
        engine.rebuild(_interrupting(iter_documents(), 3, cut), chunk_size=2)
    assert engine.aliased_indices() == [first["index"]]
    results = api.search(SearchParams(q="navette hameaux"))
    assert results.engine == "opensearch" and not results.degraded and results.total == 6


@pytest.mark.django_db
@pytest.mark.opensearch
def test_engine_killed_during_rebuild_search_keeps_answering(client, site_tree, search_state, settings):
    from osmem_server import OsmemServer

    from search.documents import iter_documents

    server = OsmemServer.start(freeze=False, japanese=False)
    try:
        clone = server.clone()
        engine = _engine_at(settings, clone.url)
        _practices(site_tree)
        engine.rebuild(iter_documents())
        with pytest.raises(Exception):  # noqa: B017
            engine.rebuild(_interrupting(iter_documents(), 3, server.process.kill), chunk_size=2)
    finally:
        server.process.kill()
        server.process.wait(timeout=10)
    response = client.get("/recherche/", {"q": "navette"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "mode dégradé" in html and "Navette des hameaux 3" in html


# --- database errors --------------------------------------------------------------------------------

@pytest.mark.django_db
def test_database_error_gives_the_french_error_page_without_querying(client, site_tree, monkeypatch, django_assert_num_queries):
    from home.models import HomePage

    def broken(self, request, *args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(HomePage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Erreur inattendue" in html and "Aucune donnée n'a été enregistrée partiellement" in html
    # The error page itself never touches the database (it may be what failed).

    from django.test import RequestFactory

    from home.views import server_error

    with django_assert_num_queries(0):
        assert server_error(RequestFactory().get("/")).status_code == 500


@pytest.mark.django_db
def test_a_failure_half_way_through_creating_a_page_leaves_nothing(client, site_tree, monkeypatch):
    """Wagtail's create view saves the page, then its revision: a failure in between must not
    leave a page without revision (kb.security.TransactionalWritesMiddleware)."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from practices.models import PracticePage
    from tests.contrib.admin_forms import create_form_data
    from tests.factories import CommuneFactory

    admin = get_user_model().objects.create_superuser("admin-test", "a@exemple.fr", "x")
    client.force_login(admin)
    data = create_form_data(client, site_tree["index"], CommuneFactory())
    pages_before = PracticePage.objects.count()

    def failing_revision(self, *args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(PracticePage, "save_revision", failing_revision)
    client.raise_request_exception = False
    url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", site_tree["index"].pk])
    response = client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 500
    assert PracticePage.objects.count() == pages_before
    assert not PracticePage.objects.filter(slug="navette-seniors").exists()
