"""`manage.py search_index rebuild|status|sync`."""

import io

import pytest
from django.core.management import call_command

from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def command(*args) -> str:
    out = io.StringIO()
    call_command("search_index", *args, "--no-progress", stdout=out)
    return out.getvalue()


def test_status_lists_drift_and_sync_repairs_it_on_the_embedded_engine(practices):
    assert "embedded: 5 indexed, 0 missing, 0 stale, 0 extra" in command("status")
    msp, navette = practices["msp-beaujeu"], practices["navette-belley"]
    SearchDocument.objects.filter(page_id=msp.pk).delete()
    SearchDocument.objects.filter(page_id=navette.pk).update(doc_hash="old")
    SearchDocument.objects.create(page_id=999999, title_folded=" fantome", doc_hash="x", doc={"page_id": 999999})
    text = command("status")
    assert "embedded: 5 indexed, 1 missing, 1 stale, 1 extra" in text
    assert f"missing: {msp.pk}" in text and f"stale: {navette.pk}" in text and "extra: 999999" in text
    text = command("sync")
    assert "every index equals the live practices" in text
    assert "embedded: 5 indexed, 0 missing, 0 stale, 0 extra" in command("status")


def test_rebuild_embedded(practices):
    SearchDocument.objects.all().delete()
    text = command("rebuild")
    assert "embedded: 5 practices indexed" in text
    assert SearchDocument.objects.count() == 5
    assert "every index exists" in command("rebuild", "--if-missing")


@pytest.mark.opensearch
def test_rebuild_both_engines_and_if_missing(use_opensearch, practices):
    engine = use_opensearch
    old = engine.aliased_indices()
    text = command("rebuild")
    assert "opensearch: 5 practices in" in text and "alias" in text and old[0] in text
    assert engine.aliased_indices() != old
    engine.drop_all()
    assert not engine.alias_exists()
    text = command("rebuild", "--if-missing")
    assert "opensearch: 5 practices" in text and "embedded:" not in text
    assert engine.client.count(index=engine.alias)["count"] == 5


def test_opensearch_only_without_url_is_an_error(practices):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        command("rebuild", "--engine", "opensearch")
