"""What a reader notices, on both engines: French matching, synonyms, filters, disjunctive
facet counts, extracts, pagination, sorting, autocomplete, "did you mean", similar practices.
(Index updates on edits: test_sync_behaviour.py.)

Run on the embedded engine (SQLite here, PostgreSQL in `make test`'s second pass) and on
OpenSearch (osmem-server, or the real server named by OPENSEARCH_URL)."""

import pytest

from search import api
from search.types import MAX_QUERY_LENGTH, SearchParams
from tests.search.conftest import shared_practices

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=["embedded", "opensearch"])
def shared(request, django_db_setup, django_db_blocker):
    """The five practices, created once per engine for this module's read-only tests."""
    with shared_practices(request, django_db_blocker, request.param) as data:
        yield data


@pytest.fixture
def engine(shared):
    return shared["engine"]


@pytest.fixture
def indexed(shared, settings):
    for name, value in shared["settings"].items():
        setattr(settings, name, value)
    return shared["practices"]


def titles(results):
    return [h.title for h in results.hits]


def slugs_of(results, practices):
    by_id = {p.pk: slug for slug, p in practices.items()}
    return [by_id.get(h.page_id) for h in results.hits]


def run(q="", **kwargs):
    return api.search(SearchParams(q=q, **kwargs))


def test_answers_from_the_configured_engine(indexed, engine):
    results = run("santé")
    assert results.engine == engine
    assert not results.degraded


def test_health_centre_first_whatever_accents_case_or_acronym(indexed):
    for q in ["maison de sante", "Maison de Santé", "MAISON DE SANTÉ", "MSP", "msp"]:
        assert slugs_of(run(q), indexed)[0] == "msp-beaujeu", q


VARIANTS = [
    ("velos", "velo-belley"),
    ("vélo électrique", "velo-belley"),
    ("VAE", "velo-belley"),
    ("transport à la demande", "navette-belley"),
    ("TAD", "navette-belley"),
    ("l'école", "cour-ecole-beaujeu"),
    ("ecole", "cour-ecole-beaujeu"),
    ("tiers lieu", "tiers-lieu-landerneau"),
    ("fermeture bureau de poste", "tiers-lieu-landerneau"),
]


def test_french_variants_and_synonyms(indexed):
    for q, slug in VARIANTS:
        assert slugs_of(run(q), indexed)[:1] == [slug], q


def test_unrelated_words_find_nothing(indexed):
    results = run("xylophone")
    assert results.total == 0 and results.hits == []


def test_filters_narrow_and_keep_the_query(indexed):
    everything = run("")
    assert everything.total == 5
    mobility = run("", filters={"themes": ["mobilite"]})
    assert {h.title for h in mobility.hits} == {
        "Une navette pour les seniors du bourg", "Prêt de vélos à assistance électrique"
    }
    two_themes_one_region = run("", filters={"themes": ["mobilite", "sante"], "region": ["84"]})
    assert two_themes_one_region.total == 3
    narrowed = run("gendarmerie", filters={"themes": ["mobilite", "sante"], "region": ["84"]})
    assert 0 < narrowed.total < two_themes_one_region.total


def test_unknown_facet_values_match_nothing_and_unknown_facets_are_ignored(indexed):
    assert run("", filters={"themes": ["n-existe-pas"]}).total == 0
    assert run("", filters={"nope": ["x"]}).total == 5
    facets = run("", filters={"themes": ["n-existe-pas"]}).facets
    assert all(v.value != "n-existe-pas" for v in facets["themes"])


def test_facet_counts_are_disjunctive(indexed):
    results = run("", filters={"themes": ["mobilite"]})
    themes = {v.value: v for v in results.facets["themes"]}
    # ticking "mobilité" still shows how many practices the other themes have
    assert themes["mobilite"].selected and themes["mobilite"].count == 2
    assert themes["sante"].count == 1 and not themes["sante"].selected
    # other facets are counted within the filtered results
    regions = {v.value: v.count for v in results.facets["region"]}
    assert regions == {"84": 2}
    phases = results.facets["phase"]
    assert sum(v.count for v in phases) == results.total


def test_facet_counts_add_up_and_have_labels(indexed):
    results = run("")
    for field in ("region", "department", "phase", "programme", "size_band", "start_year"):
        assert sum(v.count for v in results.facets[field]) == results.total, field
    labels = {v.value: v.label for v in results.facets["region"]}
    assert labels["84"] == "Auvergne-Rhône-Alpes"
    assert {v.value: v.label for v in results.facets["department"]}["29"] == "Finistère (29)"
    assert {v.value: v.label for v in results.facets["phase"]}["realise"] == "Réalisé"
    assert {v.value: v.label for v in results.facets["themes"]}["mobilite"] == "Mobilité"


def test_extracts_mark_the_matches_and_are_escaped(indexed):
    results = run("médecins retraite")
    hit = results.hits[0]
    assert "<mark>" in hit.highlight
    assert "<script" not in hit.highlight
    summary_hit = run("gendarmerie").hits[0]
    assert "<mark>gendarmerie</mark>" in summary_hit.highlight.lower()


def test_pagination_and_sorting(indexed):
    first = run("", per_page=2, page=1)
    second = run("", per_page=2, page=2)
    third = run("", per_page=2, page=3)
    assert first.total == 5 and first.num_pages == 3
    ids = [h.page_id for h in first.hits + second.hits + third.hits]
    assert len(ids) == len(set(ids)) == 5
    assert run("", per_page=2, page=99).hits == []
    by_date = run("", sort="date")
    assert len(by_date.hits) == 5


BAD_INPUT = [
    ("santé " * 3000, 1),
    ('"maison" AND (NEAR santé OR *', 1),
    ("') OR 1=1 --", -1),
    ("title:msp body:{x}", "abc"),
    ("\x00\x1fmsp", 0),
    ("", 10**9),
]


def test_bad_input_never_raises(indexed):
    for q, page in BAD_INPUT:
        results = run(q, page=page)
        assert results.page >= 1
        assert results.total >= 0


def test_long_query_is_truncated(indexed):
    results = run("maison " * 500)
    assert results.total >= 1
    assert MAX_QUERY_LENGTH <= 200


def test_autocomplete_themes(indexed):
    for prefix in ["mob", "Mob", "MOBI"]:
        items = api.autocomplete(prefix)
        assert {"kind": "theme", "label": "Mobilité", "url": "/pratiques/thematiques/mobilite/"} in items, prefix


def test_autocomplete_folds_accents_on_both_sides(indexed):
    for prefix in ["numé", "nume", "NUMÉ"]:
        items = api.autocomplete(prefix)
        labels = [(i["kind"], i["label"]) for i in items]
        assert ("theme", "Numérique") in labels, prefix
        assert ("practice", "Un tiers-lieu numérique dans l'ancienne poste") in labels, prefix
        practice = next(i for i in items if i["kind"] == "practice")
        assert practice["url"] == "/pratiques/tiers-lieu-landerneau/"


def test_autocomplete_communes_and_junk(indexed):
    items = api.autocomplete("landern")
    assert any(i["kind"] == "commune" and i["label"] == "Landerneau" for i in items)
    assert api.autocomplete("") == []
    assert api.autocomplete("x" * 5000) == []


def test_did_you_mean(indexed):
    results = run("medcins")
    assert results.suggestion is not None
    assert "medecins" in results.suggestion.replace("é", "e")


def test_did_you_mean_keeps_the_readers_other_words(indexed):
    """The offered query is the reader's own, one word respelt as the write-ups spell it."""
    assert run("Les medcins à Nérac").suggestion == "Les médecins à Nérac"


def test_no_suggestion_for_known_words(indexed):
    assert run("médecins").suggestion is None


def test_similar_practices(indexed):
    ids = api.similar(indexed["navette-belley"], limit=3)
    assert indexed["navette-belley"].pk not in ids
    assert indexed["velo-belley"].pk in ids
    assert len(ids) <= 3
