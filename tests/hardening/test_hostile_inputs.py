"""The hostile-input suite (tests/hardening/hostile_inputs.py, about 1,000 cases) against the
search page, the suggestions and both API endpoints: never a response ≥ 500, and where input
is refused, a 400 in French. Server time per case is measured by bench/hostile.py, not here."""

import re

import pytest

from tests.factories import PracticePageFactory
from tests.figures import report
from tests.hardening.hostile_inputs import cases

CASES = cases()
FRENCH = re.compile(r"[éèêàçôû«»]|Paramètre|Requête|Champ|Tri |Valeur|Trop|inconnu|invalide", re.IGNORECASE)
ENGLISH = re.compile(r"\b(must be|cannot|unknown|not supported|is not|doesn't|query parameter)\b")


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 500
    assert max(len(q) for _, _, q in CASES) > 10_000


@pytest.mark.django_db
def test_hostile_inputs_never_break_the_server_and_refusals_are_french(client, site_tree):
    from search import sync

    pages = [PracticePageFactory(parent=site_tree["index"], title=f"Maison de santé {n}", themes=["sante", "mobilite"]) for n in range(4)]
    sync.index_pages([p.pk for p in pages])
    statuses, broken, english = {}, [], []
    for label, path, query in CASES:
        try:
            response = client.get(f"{path}?{query}")
        except Exception as error:  # noqa: BLE001 — the test client re-raises what a view let escape
            broken.append((label, path, repr(error)[:200]))
            continue
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            broken.append((label, path, response.status_code))
        elif response.status_code == 400:
            body = response.content.decode("utf-8", "replace")
            if response["Content-Type"].startswith("application/json"):
                body = response.json().get("message", "")
            if not FRENCH.search(body) or ENGLISH.search(body):
                english.append((label, path, body[:200]))
    report("Hostile inputs: " + ", ".join(f"HTTP {code}: {n}" for code, n in sorted(statuses.items()))
           + f" over {len(CASES)} requests")
    assert not broken, broken[:20]
    assert not english, english[:20]
