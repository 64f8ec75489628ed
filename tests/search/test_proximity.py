"""« Proches de ma commune »: both engines order the results by how close each practice's
commune is to the reader's (communes.similarity's weights), with and without text, with
filters, and leave totals and facet counts as they are.

Run on the embedded engine (SQLite here, PostgreSQL in `make test`'s second pass) and on
OpenSearch (osmem-server, or the real server named by OPENSEARCH_URL)."""

import pytest

from search import api
from search.types import SearchParams
from search.views import reader_near
from tests.factories import (
    PracticePageFactory,
    towns_around_beaujeu,
)

pytestmark = pytest.mark.django_db

# from the closest to the reader's commune (Beaujeu, 2,100 inhabitants, Rhône) to the farthest
CLOSEST_FIRST = [
    "same_epci",               # 1,300 inhabitants, same EPCI, département and région
    "same_region_same_size",   # 2,300, Ain
    "far_same_size",           # 2,200, Finistère: size weighs more than the département alone
    "same_department_big",     # 37,000, Rhône
    "far_city",                # 140,000, Finistère
]


@pytest.fixture(params=["embedded", "opensearch"])
def engine(request):
    if request.param == "opensearch":
        request.getfixturevalue("use_opensearch")
    return request.param


@pytest.fixture
def towns(engine, site_tree):
    reader, communes = towns_around_beaujeu()
    # the farthest first in creation (and publication) order: the sort, not the date, decides
    pages = {}
    for key in reversed(CLOSEST_FIRST):
        themes = ["mobilite"] if key in ("same_epci", "far_same_size", "far_city") else ["sante"]
        pages[key] = PracticePageFactory(
            parent=site_tree["index"], title=f"Une navette solidaire ({key})",
            summary="Un transport à la demande pour les habitants.", commune=communes[key], themes=themes,
        )
    pages["unrelated"] = PracticePageFactory(
        parent=site_tree["index"], title="Un jardin partagé", summary="Des potagers au pied des immeubles.",
        commune=communes["same_epci"], themes=["sante"],
    )
    return {"near": reader_near(reader), "pages": pages}


def keys(results, pages):
    by_id = {page.pk: key for key, page in pages.items()}
    return [by_id[hit.page_id] for hit in results.hits]


def run(**kwargs):
    return api.search(SearchParams(**kwargs))


def test_closest_communes_first_without_text(towns):
    near, pages = towns["near"], towns["pages"]
    results = run(sort="proximite", near=near)
    order = keys(results, pages)
    assert order[0] in ("same_epci", "unrelated")  # both in the same commune: equally close
    assert [k for k in order if k != "unrelated"] == CLOSEST_FIRST
    relevance = run(near=near)
    assert results.total == relevance.total == 6
    assert results.facets == relevance.facets


def test_closest_communes_first_with_text_and_filters(towns):
    near, pages = towns["near"], towns["pages"]
    results = run(q="navette", sort="proximite", near=near)
    assert keys(results, pages) == CLOSEST_FIRST
    relevance = run(q="navette", near=near)
    assert results.total == relevance.total == 5 and results.facets == relevance.facets

    mobility = run(q="navette", filters={"themes": ["mobilite"]}, sort="proximite", near=near)
    assert keys(mobility, pages) == ["same_epci", "far_same_size", "far_city"]
    assert mobility.facets == run(q="navette", filters={"themes": ["mobilite"]}, near=near).facets

    paged = run(q="navette", sort="proximite", near=near, per_page=2, page=2)
    assert keys(paged, pages) == CLOSEST_FIRST[2:4] and paged.total == 5


def test_without_a_commune_the_sort_is_relevance(towns):
    pages = towns["pages"]
    assert keys(run(q="navette", sort="proximite"), pages) == keys(run(q="navette"), pages)
