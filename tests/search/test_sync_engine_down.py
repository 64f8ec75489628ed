"""OpenSearch down: editors' actions still succeed, the updates are queued in the database,
and they are replayed later (automatically and by `search_index sync`) with no drift left."""

import io

import pytest
from django.core.management import call_command

from search import api, sync
from search.models import PendingIndexOperation
from search.types import SearchParams
from tests.search.test_engine_opensearch import closed_port_url

pytestmark = [pytest.mark.django_db, pytest.mark.opensearch]


def live_ids():
    from practices.queries import live_practices

    return set(live_practices().values_list("pk", flat=True))


def go_down(settings):
    from search.engines import opensearch

    url = settings.OPENSEARCH_URL
    settings.OPENSEARCH_URL = closed_port_url()
    settings.OPENSEARCH_TIMEOUT = 1
    opensearch.reset_engine()
    return url


def come_back(settings, url):
    from search.engines import opensearch

    settings.OPENSEARCH_URL = url
    settings.OPENSEARCH_TIMEOUT = 5
    opensearch.reset_engine()
    sync.reset_state()


def edit_while_down(practices, site_tree, places):
    from tests.factories import PracticePageFactory

    new = PracticePageFactory(
        parent=site_tree["index"], slug="halle", title="Une halle gourmande", summary="Marché couvert.",
        themes=["commerce"], commune=places["beaujeu"],
    )
    practices["navette-belley"].unpublish()
    practices["velo-belley"].delete()
    msp = practices["msp-beaujeu"]
    msp.title = "Une maison de santé agrandie"
    msp.save_revision().publish()
    return new


def test_edits_succeed_and_are_queued_when_opensearch_is_down(use_opensearch, practices, site_tree, places, settings):
    url = go_down(settings)
    new = edit_while_down(practices, site_tree, places)
    # the edits are in the database, and in the embedded engine which answers meanwhile
    assert new.live
    pending = set(PendingIndexOperation.objects.values_list("page_id", flat=True))
    assert pending == {new.pk, practices["navette-belley"].pk, practices["velo-belley"].pk, practices["msp-beaujeu"].pk}
    results = api.search(SearchParams(q="halle gourmande"))
    assert results.degraded and [h.title for h in results.hits] == ["Une halle gourmande"]

    come_back(settings, url)
    engine = use_opensearch.__class__(url, settings.OPENSEARCH_INDEX_PREFIX, settings.OPENSEARCH_STEMMER, 5)
    assert new.pk not in engine.indexed_hashes()  # not replayed yet
    # the next search replays the queue on its way
    results = api.search(SearchParams(q="halle gourmande"))
    assert not results.degraded and results.engine == "opensearch"
    assert PendingIndexOperation.objects.count() == 0
    assert set(engine.indexed_hashes()) == live_ids()
    assert api.search(SearchParams(q="agrandie")).total == 1
    assert api.search(SearchParams(q="navette")).total == 0


def test_sync_command_replays_the_queue_with_no_drift(use_opensearch, practices, site_tree, places, settings):
    url = go_down(settings)
    edit_while_down(practices, site_tree, places)
    assert PendingIndexOperation.objects.count() == 4
    come_back(settings, url)
    out = io.StringIO()
    call_command("search_index", "status", "--no-progress", stdout=out)
    assert "pending operations: 4" in out.getvalue()
    assert "opensearch: " in out.getvalue() and "missing" in out.getvalue()
    out = io.StringIO()
    call_command("search_index", "sync", "--no-progress", stdout=out)
    assert "4 queued operations replayed" in out.getvalue()
    assert PendingIndexOperation.objects.count() == 0
    out = io.StringIO()
    call_command("search_index", "status", "--no-progress", stdout=out)
    text = out.getvalue()
    assert "opensearch: 4 indexed, 0 missing, 0 stale, 0 extra" in text
    assert "embedded: 4 indexed, 0 missing, 0 stale, 0 extra" in text
    assert set(use_opensearch.indexed_hashes()) == live_ids()


def test_known_down_engine_is_not_contacted_again(use_opensearch, practices, settings, monkeypatch):
    go_down(settings)
    from search.engines import opensearch

    engine = opensearch.get_engine()
    attempts = []
    original = engine.index_documents

    def counting(docs):
        attempts.append(len(docs))
        return original(docs)

    monkeypatch.setattr(engine, "index_documents", counting)
    for page in list(practices.values())[:3]:
        page.save_revision().publish()
    # one attempt failed; the next publishes went straight to the queue
    assert attempts == [1]
    assert PendingIndexOperation.objects.count() == 3


def test_a_silent_engine_costs_one_bounded_timeout(use_opensearch, practices, settings):
    """An engine that accepts connections but never answers: the publish returns after the
    bounded timeout, the update is queued, and searches answer from the embedded engine."""
    import socket

    from search.engines import opensearch

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    try:
        settings.OPENSEARCH_URL = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.OPENSEARCH_TIMEOUT = 0.5
        opensearch.reset_engine()
        page = practices["cour-ecole-beaujeu"]
        page.title = "Une cour oasis"
        page.save_revision().publish()
        assert list(PendingIndexOperation.objects.values_list("page_id", flat=True)) == [page.pk]
        results = api.search(SearchParams(q="oasis"))
        assert results.degraded and [h.title for h in results.hits] == ["Une cour oasis"]
    finally:
        silent.close()
