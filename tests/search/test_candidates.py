"""The cut-off and the coverage the embedded engine works out on bitmaps
(search.engines.candidates) give, practice by practice, what the plan's rules say
(search.engines.plan): checked against a direct reading of the rules on random concept sets."""

import random

import pytest

from search.engines import candidates, facet_sets
from search.engines.plan import SYNONYM_WEIGHT


def random_concepts(rng: random.Random, n: int, practices: int) -> list[candidates.Concept]:
    concepts = []
    for _ in range(n):
        full = {i for i in range(practices) if rng.random() < 0.4}
        own = {i for i in full if rng.random() < 0.6}
        concepts.append(candidates.Concept(facet_sets.bitmap(own), facet_sets.bitmap(full), rng.choice([1.0, 0.5, 0.25, 0.7])))
    return concepts


def held(bits: int, practice: int) -> bool:
    return bool(bits >> practice & 1)


@pytest.mark.parametrize("seed", range(8))
def test_coverage_classes_give_each_practice_its_coverage_once(seed):
    rng = random.Random(seed)
    practices = 300
    concepts = random_concepts(rng, rng.randint(1, 5), practices)
    rows = facet_sets.bitmap(i for i in range(practices) if rng.random() < 0.7)
    classes = candidates.coverage_classes(concepts, rows)
    seen = {}
    for coverage, bits in classes:
        for practice in facet_sets.members(bits):
            assert practice not in seen, "a practice in two classes"
            seen[practice] = coverage
    assert set(seen) == set(facet_sets.members(rows))
    for practice, coverage in seen.items():
        expected = 0.0
        for concept in concepts:  # the plan's order, as the SQL sum was written
            if held(concept.own, practice):
                expected += concept.weight
            elif held(concept.full, practice):
                expected += SYNONYM_WEIGHT * concept.weight
        assert coverage == expected
    assert len({coverage for coverage, _ in classes}) == len(classes), "classes of equal coverage are merged"


@pytest.mark.parametrize("seed", range(8))
def test_matching_holds_every_concept_of_a_qualifying_set(seed):
    rng = random.Random(100 + seed)
    practices = 200
    concepts = random_concepts(rng, 4, practices)
    qualifying = [(0, 1), (2,), (1, 3)]
    matches = set(facet_sets.members(candidates.matching(concepts, qualifying)))
    expected = {
        practice for practice in range(practices)
        if any(all(held(concepts[i].full, practice) for i in combo) for combo in qualifying)
    }
    assert matches == expected
    # without a cut-off: any concept
    assert set(facet_sets.members(candidates.matching(concepts))) == {
        practice for practice in range(practices) if any(held(c.full, practice) for c in concepts)
    }


def test_members_reads_back_the_ids_of_a_bitmap():
    ids = [0, 1, 7, 8, 63, 64, 65, 1000, 4095]
    assert facet_sets.members(facet_sets.bitmap(ids)) == ids
    assert facet_sets.members(0) == []
