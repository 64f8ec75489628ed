"""Server time of the hostile-input corpus (tests/hardening/hostile_inputs.py): `make bench-hostile`.

Every case of the suite — quotes, FTS5 and tsquery syntax, injections, control characters,
10,000-character and 2,000-word texts, 600 themes, 1,000 repeated parameters — against the
search page, the suggestions and both API endpoints, on the search benchmark's database
(var/bench.sqlite3, N generated practices, seeded on first use) with the embedded engine.
Each case is timed in-process (Django's test client: the whole request, no network), cold
(first time this query is asked) then warm; the target is every response under 200 ms on an
idle machine. Prints the figures per endpoint and the slowest cases, writes
var/hostile-results.json, and exits 1 with --strict when a case misses the target.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_bench import ensure_data, setup_django  # noqa: E402

TARGET_MS = 200.0


def ensure_index() -> None:
    from django.core.management import call_command

    from practices.models import PracticePage
    from search.models import SearchDocument

    if SearchDocument.objects.count() != PracticePage.objects.live().count():
        print("hostile: building the embedded index …", flush=True)
        call_command("search_index", "rebuild", "--engine", "embedded", "--no-progress")


def measure(cases, warm_runs: int) -> list[dict]:
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    cache.clear()
    out = []
    for label, path, query in cases:
        url = f"{path}?{query}"
        timings = []
        status = None
        for _ in range(1 + warm_runs):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            status = response.status_code
        out.append({"label": label, "path": path, "query_chars": len(query), "status": status,
                    "cold_ms": timings[0], "warm_ms": statistics.median(timings[1:]) if warm_runs else timings[0]})
    return out


def pick(ordered, p):
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summarise(rows: list[dict]) -> dict:
    summary = {}
    for path in sorted({r["path"] for r in rows}):
        cold = sorted(r["cold_ms"] for r in rows if r["path"] == path)
        warm = sorted(r["warm_ms"] for r in rows if r["path"] == path)
        summary[path] = {"cases": len(cold), "cold_p50": pick(cold, 50), "cold_p95": pick(cold, 95), "cold_max": cold[-1],
                         "warm_p50": pick(warm, 50), "warm_max": warm[-1],
                         "over_target": sum(1 for v in cold if v > TARGET_MS)}
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "bench.sqlite3")
    parser.add_argument("--database-url", default="", help="another database, e.g. an empty PostgreSQL one")
    parser.add_argument("--warm-runs", type=int, default=2)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a case misses the target")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    setup_django(args.db, args.database_url)
    ensure_data(args.db, args.practices, fresh=False)
    ensure_index()

    from django.db import connection

    from tests.hardening.hostile_inputs import cases

    corpus = cases()
    print(f"hostile: {len(corpus)} cases on {args.practices} practices ({connection.vendor}) …", flush=True)
    started = time.perf_counter()
    rows = measure(corpus, args.warm_runs)
    total = time.perf_counter() - started
    summary = summarise(rows)
    errors = [r for r in rows if r["status"] >= 500]
    statuses = {}
    for r in rows:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    print(f"\nHostile inputs: {len(rows)} cases, {total:.0f} s, statuses {dict(sorted(statuses.items()))}, {len(errors)} ≥ 500")
    print(f"{'endpoint':28} {'cases':>5} {'cold p50':>9} {'cold p95':>9} {'cold max':>9} {'warm p50':>9} {'warm max':>9} {'>200ms':>7}")
    for path, s in summary.items():
        print(f"{path:28} {s['cases']:>5} {s['cold_p50']:>8.1f}  {s['cold_p95']:>8.1f}  {s['cold_max']:>8.1f}  "
              f"{s['warm_p50']:>8.1f}  {s['warm_max']:>8.1f}  {s['over_target']:>6}")
    print("\nslowest cases (cold):")
    for r in sorted(rows, key=lambda r: -r["cold_ms"])[:12]:
        print(f"  {r['cold_ms']:7.1f} ms  warm {r['warm_ms']:6.1f}  HTTP {r['status']}  {r['path']}  {r['label'][:60]}  ({r['query_chars']} chars)")
    out = ROOT / "var" / "hostile-results.json"
    out.write_text(json.dumps({"practices": args.practices, "database": connection.vendor, "target_ms": TARGET_MS,
                               "summary": summary, "cases": rows}, indent=1), encoding="utf-8")
    print(f"\nhostile: figures written to {out}")
    over = sum(s["over_target"] for s in summary.values())
    if errors or (args.strict and over):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
