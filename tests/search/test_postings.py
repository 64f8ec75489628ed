"""The embedded engine keeps the practices of each query word it read, per index state
(search.engines.postings): a word asked again is not read again, and every write to the index
— by this process, by another one, or undone — is seen by the next search. Run on SQLite here
and on PostgreSQL in `make test`'s second pass."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from search import api
from search.engines import facet_sets, postings
from search.types import SearchParams
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


class Undone(Exception):
    pass


def titles(q: str) -> set[str]:
    return {hit.title for hit in api.search(SearchParams(q=q)).hits}


def matching_statements(queries) -> list[str]:
    # the first statement of a search: the index token, then the practices of each word not held
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT -1")]


def test_embedded_engine_does_not_read_a_word_again_in_the_same_index_state(practices):
    first = titles("navette")
    with CaptureQueriesContext(connection) as queries:
        assert titles("navette") == first and first
    statement, = matching_statements(queries)
    assert "MATCH" not in statement and "@@" not in statement  # the token only
    with CaptureQueriesContext(connection) as queries:
        titles("navette santé")
    statement, = matching_statements(queries)
    assert statement.count("UNION ALL") >= 1  # santé (and its synonyms) read, navette not


def test_embedded_engine_sees_a_write_after_a_word_was_read_and_undoes_a_rolled_back_one(practices, site_tree, places):
    assert titles("épicerie") == set()
    with pytest.raises(Undone), transaction.atomic():
        PracticePageFactory(parent=site_tree["index"], slug="epicerie", title="Une épicerie solidaire",
                            themes=["commerce"], commune=places["belley"])
        assert titles("épicerie") == {"Une épicerie solidaire"}
        raise Undone
    assert titles("épicerie") == set()
    PracticePageFactory(parent=site_tree["index"], slug="epicerie", title="Une épicerie solidaire",
                        themes=["commerce"], commune=places["belley"])
    assert titles("épicerie") == {"Une épicerie solidaire"}


def test_embedded_engine_sees_a_write_by_another_process(practices):
    found = titles("navette")
    assert len(found) >= 1
    # another process takes a practice out of the full-text index: the rows and a new token
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM search_fts WHERE rowid = (SELECT MIN(page_id) FROM search_searchdocument "
                           "WHERE title_folded LIKE '%navette%')")
        else:
            cursor.execute("UPDATE search_searchdocument SET search_vector = to_tsvector('simple', '') WHERE page_id = "
                           "(SELECT MIN(page_id) FROM search_searchdocument WHERE title_folded LIKE '%navette%')")
        facet_sets.bump(cursor)
    assert len(titles("navette")) == len(found) - 1


def test_the_least_recently_used_words_are_dropped_beyond_the_bound():
    held = postings.Postings(max_entries=2)
    held.keep(7, {"a": 1, "b": 2})
    assert held.lookup(["a"]) == (7, {"a": 1})  # a used: b is now the oldest
    held.keep(7, {"c": 4})
    assert held.lookup(["a", "b", "c"]) == (7, {"a": 1, "c": 4})
    held.keep(8, {"d": 8})  # another index state: nothing of the previous one is kept
    assert held.lookup(["a", "c", "d"]) == (8, {"d": 8})
    held.keep(None, {"e": 16})  # a state without a token is never kept
    assert held.lookup(["d", "e"]) == (None, {})
