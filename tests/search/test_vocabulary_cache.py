"""The in-process vocabulary (word counts for ranking and "did you mean") follows index writes
at once, whatever the machine's uptime."""

import pytest

from search import vocabulary
from tests.factories import PracticePageFactory


@pytest.mark.django_db
def test_a_write_is_seen_at_once_on_a_freshly_booted_machine(site_tree, monkeypatch):
    # time.monotonic() counts from boot: a machine up for 50 s (a fresh CI runner)
    monkeypatch.setattr(vocabulary.time, "monotonic", lambda: 50.0)
    before = vocabulary.total_documents()
    stem = vocabulary.analysis.analyze("navette")[0]
    assert vocabulary.token_df(stem) == 0
    PracticePageFactory(parent=site_tree["index"], title="Une navette pour les seniors")
    assert vocabulary.total_documents() == before + 1
    assert vocabulary.token_df(stem) == 1
