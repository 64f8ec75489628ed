"""Facet counts of the embedded engine come from bitmaps each process keeps in memory
(search.engines.facet_sets): they follow every write to the index, one made by another process
included, and go back with a write that is rolled back. Run on SQLite here and on PostgreSQL
in `make test`'s second pass."""

import pytest
from django.db import connection, transaction

from search import api
from search.engines import facet_sets
from search.types import SearchParams
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


class Undone(Exception):
    pass


def theme_counts(**filters):
    results = api.search(SearchParams(filters=filters))
    return {v.value: v.count for v in results.facets["themes"] if v.count}, results.total


def test_embedded_facet_counts_follow_writes_and_a_rolled_back_one(practices, site_tree, places):
    before, total = theme_counts()
    assert total == 5 and "commerce" not in before
    with pytest.raises(Undone), transaction.atomic():
        PracticePageFactory(parent=site_tree["index"], slug="epicerie", title="Une épicerie solidaire",
                            themes=["commerce", "sante"], commune=places["belley"])
        during, total = theme_counts()
        assert total == 6
        assert during["commerce"] == 1 and during["sante"] == before["sante"] + 1
        raise Undone
    # the write is undone, its token with it: the bitmaps of the state before are read again
    assert theme_counts() == (before, 5)


def test_embedded_facet_counts_follow_a_write_by_another_process(practices):
    before, _ = theme_counts(region=["84"])
    assert before["mobilite"] == 2
    facet_sets.for_token(facet_sets.for_token(None).token)  # this process holds the current bitmaps
    # another process moves a practice out of « Mobilité »: the rows and a new token, nothing else
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_searchfacet WHERE field = 'themes' AND value = 'mobilite' AND page_id = "
                       "(SELECT MIN(page_id) FROM search_searchfacet WHERE field = 'themes' AND value = 'mobilite')")
        facet_sets.bump(cursor)
    after, _ = theme_counts(region=["84"])
    assert after["mobilite"] == 1
