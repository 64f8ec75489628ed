"""The query plan both engines run, so that they return the same practices in the same order
of coverage: ranked OR with coverage.

- A query is a list of concepts (search.analysis.parse_query: one per content word, each with
  its synonym alternatives). Typos: a word absent (or nearly) from the write-ups and unknown
  to the French dictionary also matches its closest frequent word, offered as "did you mean".
- Each concept weighs 1 when it is specific (in at most SPECIFIC_SHARE of the write-ups), less
  for common words, in proportion to their inverse document frequency (BM25's idf, from the
  vocabulary of the indexed write-ups): "habitants" or "commune" weigh little. Holding a
  concept through a synonym counts SYNONYM_WEIGHT of it: the reader's own word ranks first.
- A practice's coverage is the weight of the concepts it holds. Practices are ranked by
  coverage first, then by the engine's BM25 (times a bounded completeness prior and the
  featured tie-breaker) among practices of equal coverage.
- Cut-off: a practice is a result when it covers at least MIN_COVERAGE (30 %) of the query's
  weight: a long question does not return the whole base (a practice sharing only "habitants"
  and "commune" with it is out). When no practice reaches it, the practices holding the
  heaviest concept present are shown instead (a second query, only then): never an empty
  page when some content word of the query is in a write-up. At most MAX_CONCEPTS concepts
  count: the rarest ones.
"""

import itertools
import math
from dataclasses import dataclass

from search import analysis, synonyms, vocabulary

MAX_CONCEPTS = 6
MIN_COVERAGE = 0.3
SPECIFIC_SHARE = 0.1
SYNONYM_WEIGHT = 0.8
# coverage is scaled so that one concept more always outweighs any BM25 difference
COVERAGE_SCALE = 1000.0


@dataclass
class Plan:
    parts: list[analysis.QueryPart]
    threshold: float
    suggestion: str | None = None
    fallback: float = 0.0  # the threshold when nothing reaches `threshold`: the heaviest concept

    @property
    def tokens(self) -> set[str]:
        return {t for part in self.parts for alt in part.alternatives for t in alt}

    def qualifying_sets(self, threshold: float) -> list[tuple[int, ...]]:
        """The minimal sets of concepts (indices into parts) whose weight reaches the
        threshold: a practice qualifies when it holds (by any alternative) every concept of
        one of them. The cut-off ignores the synonym discount, which only orders results."""
        found: list[tuple[int, ...]] = []
        for size in range(1, len(self.parts) + 1):
            for combo in itertools.combinations(range(len(self.parts)), size):
                if any(set(f) <= set(combo) for f in found):
                    continue
                if sum(self.parts[i].weight for i in combo) >= threshold:
                    found.append(combo)
        return found


def idf(df: int, total: int) -> float:
    df = min(df, total)
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


def _part_df(part: analysis.QueryPart, total: int) -> int:
    dfs = []
    for alt in part.alternatives:
        alt_dfs = []
        for t in alt:
            if len(t) <= 2 or t.isdigit():
                alt_dfs.append(total // 2 or 1)  # not in the vocabulary: a neutral, low weight
            else:
                alt_dfs.append(vocabulary.token_df(t))
        dfs.append(min(alt_dfs))
    return max(dfs)


def build(q: str) -> Plan:
    parts = analysis.parse_query(q, synonyms.groups(), vocabulary.accented)
    fixes = {}
    for part in parts:
        if len(part.alternatives) == 1 and len(part.alternatives[0]) == 1 and vocabulary.needs_correction(part.text):
            fix = vocabulary.correct(part.text)
            if fix:
                part.add_correction((analysis.stem(fix[1]),))
                fixes[part.text] = fix[1]
    total = max(1, vocabulary.total_documents())
    specific = idf(max(1, int(total * SPECIFIC_SHARE)), total)
    for part in parts:
        df = _part_df(part, total)
        part.weight = min(1.0, idf(df, total) / specific) if df else 0.0
    # concepts no write-up holds cannot be covered: they leave the weight of the query
    present = sorted((p for p in parts if p.weight > 0), key=lambda p: -p.weight)[:MAX_CONCEPTS]
    threshold = fallback = 0.0
    if present:
        # a hair under, so that float sums equal to the threshold pass on every engine
        threshold = MIN_COVERAGE * sum(p.weight for p in present) * (1 - 1e-6)
        fallback = min(threshold, present[0].weight * (1 - 1e-6))
    return Plan(parts=present, threshold=threshold, fallback=fallback,
                suggestion=analysis.respell(q, fixes) if fixes else None)
