"""Same answers from the embedded engine before and after a change: the engine of a git ref
(default main) against the working tree's, on the same seeded bench database.

    python bench/search_equivalence.py --db var/bench.sqlite3 [--ref main]
    python bench/search_equivalence.py --database-url postgres://…/<bench db> [--ref main]

Compares, for every search, the total, the facet counts and the hit order (and the ids-only
answer of alert digests): the bench queries with five filter sets and further pages, the judged
set's queries (tests/search/judged_set.py) with several filter combinations and the date sort,
filters without text, the « Proches de ma commune » sort, and the similar practices of
every fiftieth practice. Prints the number of searches
compared and of differences (the first few shown); exits 1 on any difference.
"""

import argparse
import subprocess
import sys
import types
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FILTER_SETS = [
    {},
    {"themes": ["mobilite"]},
    {"size_band": ["lt2500", "2500-5000"]},
    {"phase": ["realise"], "programme": ["pvd"]},
    {"themes": ["sante", "numerique"], "region": ["{r0}"]},
    {"region": ["{r1}"], "size_band": ["lt2500"], "phase": ["en_cours", "realise"]},
    {"department": ["{d0}", "{d1}"], "start_year": ["2021", "2022"]},
    {"funders": ["anct", "banque-des-territoires"], "themes": ["transition-ecologique"]},
]


def engine_at(ref: str):
    """The embedded engine class as written at `ref` (its module run beside the current ones)."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:search/engines/embedded.py"],
                            capture_output=True, text=True, check=True).stdout
    module = types.ModuleType("search.engines._embedded_ref")
    module.__package__ = "search.engines"
    exec(compile(source, f"{ref}:search/engines/embedded.py", "exec"), module.__dict__)  # noqa: S102  the project's own code
    return module.EmbeddedEngine


def searches(regions: list[str], departments: list[str]) -> list:
    from bench import search_bench as sb
    from search.types import Near, SearchParams
    from tests.search.judged_set import JUDGED

    values = {"r0": regions[0], "r1": regions[1], "d0": departments[0], "d1": departments[-1]}
    filter_sets = [{f: [v.format(**values) for v in vs] for f, vs in fs.items()} for fs in FILTER_SETS]
    out = []
    for i in range(len(sb.QUERIES)):
        out += [sb.params_for(i + len(sb.QUERIES) * k, regions) for k in range(5)]
        for page in (2, 3):
            params = sb.params_for(i, regions)
            params.page, params.per_page = page, 5
            out.append(params)
    for q in [q for q, _ in sb.QUERIES] + [j.q for j in JUDGED]:
        for n, filters in enumerate(filter_sets):
            # every query without filters and with two sets, a third of them with the others
            if n in (0, 1, 5) or zlib.crc32(q.encode()) % 3 == 0:
                out.append(SearchParams(q=q, filters=dict(filters)))
        out.append(SearchParams(q=q, filters=dict(filter_sets[5]), sort="date"))
    for filters in filter_sets:
        out += [SearchParams(filters=dict(filters)), SearchParams(filters=dict(filters), page=3)]
    near = Near(log_population=7.5, epci="", department=departments[0], region=regions[0])
    for i in range(len(sb.QUERIES)):
        params = sb.params_for(i, regions)
        params.sort, params.near = "proximite", near
        out.append(params)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "bench.sqlite3")
    parser.add_argument("--ref", default="main")
    parser.add_argument("--database-url", default="", help="a seeded PostgreSQL bench database instead of --db")
    args = parser.parse_args()
    from bench import search_bench as sb

    sb.setup_django(args.db, args.database_url)
    from django.db.models import Count

    from practices.models import PracticePage
    from search.engines.common import clamp
    from search.engines.embedded import EmbeddedEngine

    live = PracticePage.objects.live()
    regions = [r["commune__department__region__code"] for r in live.values("commune__department__region__code")
               .annotate(n=Count("pk")).order_by("-n")[:2]]
    departments = list(live.values_list("commune__department__code", flat=True).distinct().order_by("commune__department__code")[:2])
    before, after = engine_at(args.ref)(), EmbeddedEngine()
    differences = []
    compared = 0
    for params in searches(regions, departments):
        params = clamp(params)
        compared += 1
        if before._answer(params)[1:] != after._answer(params)[1:]:
            differences.append(params)
        elif before._answer(params, facets=False)[3] != after._answer(params, facets=False)[3]:
            differences.append(params)
    # the practice page's « similar practices »: every fiftieth practice
    for page_id in list(live.order_by("pk").values_list("pk", flat=True))[::50]:
        compared += 1
        if before.similar(page_id) != after.similar(page_id):
            differences.append(f"similar({page_id})")
    print(f"{args.database_url.rsplit('/', 1)[-1] if args.database_url else args.db.name}: {compared} searches compared ({args.ref} against the working tree), {len(differences)} differences")
    for params in differences[:5]:
        print("  differs:", params)
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
