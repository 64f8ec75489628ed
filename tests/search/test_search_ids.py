"""api.search_ids (alert digests): the same practices in the same order as api.search, on both
engines, without facet counts, documents or extracts."""

import pytest

from search import api
from search.types import SearchParams

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["embedded", "opensearch"])
def engine(request):
    if request.param == "opensearch":
        request.getfixturevalue("use_opensearch")
    return request.param


@pytest.mark.parametrize("params", [
    SearchParams(sort="date", per_page=100),
    SearchParams(q="médecin", sort="date", per_page=100),
    SearchParams(q="vélo électrique", filters={"themes": ["mobilite"]}, sort="date"),
    SearchParams(filters={"region": ["84"]}, per_page=2, page=2),
    SearchParams(q="xylophone"),
], ids=["all", "text", "text-and-filter", "paged", "nothing"])
def test_ids_are_the_search_hits_in_order(engine, practices, params):
    expected = [hit.page_id for hit in api.search(params).hits]
    assert api.search_ids(params) == expected
    assert params.q == "xylophone" or expected
