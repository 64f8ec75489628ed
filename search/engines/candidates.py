"""The practices a query matches and the coverage of each, as bitmaps (search.engines.facet_sets).

The embedded engine asks its index once per alternative of the plan's concepts
(search.engines.plan) which practices hold it: a concept is held by the reader's own words or
by any alternative. The cut-off, the filters, the facet counts and each practice's coverage are then
operations on Python ints, and the database scores only the practices passing the filters.
In one SQL statement, the same steps took a pass over the posting lists per concept, per
filter and for the cut-off, each over every match: at 10,000 practices the statement took
three to five times as long as at 1,000 (issue 15).
"""

from dataclasses import dataclass

from .plan import SYNONYM_WEIGHT


@dataclass(frozen=True)
class Concept:
    own: int  # the practices holding the reader's own word (or its correction)
    full: int  # those holding any alternative (own ⊆ full)
    weight: float


def union(bitmaps) -> int:
    found = 0
    for bits in bitmaps:
        found |= bits
    return found


def matching(concepts: list[Concept], qualifying: list[tuple[int, ...]] | None = None) -> int:
    """The practices over the cut-off: holding every concept of one of the qualifying sets
    (search.engines.plan.Plan.qualifying_sets); any concept without them."""
    if qualifying is None:
        qualifying = [(i,) for i in range(len(concepts))]
    found = 0
    for combo in qualifying:
        bits = concepts[combo[0]].full
        for i in combo[1:]:
            bits &= concepts[i].full
        found |= bits
    return found


def coverage_classes(concepts: list[Concept], rows: int) -> list[tuple[float, int]]:
    """`rows` split by coverage: (coverage, its practices), each practice in one class. The
    coverage sums the weights of the concepts held, in the plan's order, a concept held only
    through a synonym counting SYNONYM_WEIGHT of its weight (search.engines.plan)."""
    classes = [(0.0, rows)] if rows else []
    for concept in concepts:
        split: dict[float, int] = {}
        for coverage, bits in classes:
            own, other = bits & concept.own, bits & concept.full & ~concept.own
            rest = bits & ~concept.full
            for added, part in ((concept.weight, own), (SYNONYM_WEIGHT * concept.weight, other), (None, rest)):
                if part:
                    value = coverage if added is None else coverage + added
                    split[value] = split.get(value, 0) | part
        classes = list(split.items())
    return classes
