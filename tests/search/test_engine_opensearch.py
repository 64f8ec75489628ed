"""The OpenSearch index itself: versioned index behind an alias, French analysis settings,
atomic alias swap on rebuild, bulk writes, one request per search, and the fallback to the
embedded engine when OpenSearch fails."""

import socket

import pytest

from search import api, sync
from search.documents import iter_documents
from search.types import SearchParams

pytestmark = [pytest.mark.django_db, pytest.mark.opensearch]


def closed_port_url() -> str:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"


def test_index_is_created_behind_an_alias_with_french_analysis(use_opensearch, settings):
    engine = use_opensearch
    indices = engine.aliased_indices()
    assert len(indices) == 1 and indices[0].startswith(engine.alias + "_")
    index_settings = engine.client.indices.get_settings(index=indices[0])[indices[0]]["settings"]["index"]
    analysis = index_settings["analysis"]
    assert analysis["filter"]["fr_stemmer"]["language"] == settings.OPENSEARCH_STEMMER
    mapping = engine.client.indices.get_mapping(index=indices[0])[indices[0]]["mappings"]["properties"]
    assert mapping["title"]["fields"]["ac"]["analyzer"] == "fr_autocomplete"
    assert mapping["title"]["fields"]["exact"]["analyzer"] == "fr_exact"
    assert mapping["themes"]["type"] == "keyword"


def test_rebuild_swaps_the_alias_and_drops_the_old_index(use_opensearch, practices):
    engine = use_opensearch
    before = engine.aliased_indices()
    assert engine.client.count(index=engine.alias)["count"] == 5
    result = engine.rebuild(iter_documents())
    after = engine.aliased_indices()
    assert result["count"] == 5
    assert after == [result["index"]] and after != before
    assert not engine.client.indices.exists(index=before[0])
    assert engine.client.count(index=engine.alias)["count"] == 5
    assert api.search(SearchParams(q="maison de santé")).hits[0].title.startswith("Une maison de santé")


def test_bulk_indexing_and_hashes(use_opensearch, practices):
    engine = use_opensearch
    docs = list(iter_documents())
    engine.index_documents(docs)
    assert engine.indexed_hashes() == {d["page_id"]: d["doc_hash"] for d in docs}


def test_one_request_per_search(use_opensearch, practices, monkeypatch):
    engine = use_opensearch
    calls = []
    original = engine.client.transport.perform_request

    def counting(method, url, *args, **kwargs):
        calls.append((method, url))
        return original(method, url, *args, **kwargs)

    monkeypatch.setattr(engine.client.transport, "perform_request", counting)
    sync._state["last_replay"] = float("inf")  # no replay look-up in this count
    results = api.search(SearchParams(q="navette", filters={"themes": ["mobilite"], "region": ["84"], "phase": ["en_cours"]}))
    assert results.total == 1 and results.engine == "opensearch"
    assert len(calls) == 1 and calls[0][1].endswith("/_search")


def test_search_falls_back_to_the_embedded_engine(use_opensearch, practices, settings):
    from search.engines import opensearch

    settings.OPENSEARCH_URL = closed_port_url()
    opensearch.reset_engine()
    results = api.search(SearchParams(q="maison de santé"))
    assert results.degraded and results.engine == "embedded"
    assert results.hits[0].title.startswith("Une maison de santé")
    assert api.autocomplete("mob")[0]["label"] == "Mobilité"
    # the engine is now known down: the next searches do not wait for it
    assert sync.known_down()
    assert api.search(SearchParams(q="vélo")).degraded
