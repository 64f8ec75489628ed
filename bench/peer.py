"""Peer comparison, in one run: `make bench-peer` (`make bench` runs it too).

    python bench/peer.py [--db var/load.sqlite3] [--workers 3] [--clients 4] [--seconds 8] [--rounds 3]
                         [--app-dir PATH] [--label TEXT] [--json var/bench-peer.json]

On the load test's database (bench/load.py seed: 10,000 generated write-ups), gunicorn serves
the site on 127.0.0.1 with production settings plus one plain view (kb/settings/bench.py,
kb/bench_urls.py), the anonymous page cache off (PAGE_CACHE_SECONDS=0), a few sync workers.
The same keep-alive clients then measure, in turn and alternated over a few rounds of a few
seconds each:

- plain: a Django view returning a few bytes through the same middleware (the stack's ceiling);
- practice: uncached practice pages (a fixed sample of write-ups, every one visited once first);
- search: the search page with text, a theme filter and every facet;

and report requests per second, each page's ratio to the plain view (the figure that matters
on a shared machine), the CPU time the workers spent per request (read from /proc: steadier
than requests per second when other processes load the machine) and the load average. Then the warm SQL queries of each page at this
size, and the embedded index rebuild (`search_index rebuild --engine embedded`, timed inside
the process) in documents/s next to a raw FTS5 insert of the same documents (the rows the
rebuild wrote, into a fresh in-memory FTS5 table of the same definition).

--app-dir serves and rebuilds with another checkout on the same data, e.g. a temporary
`git worktree` of the commit before a change: the "before" figures of the same command. The
two benchmark-only modules are copied into that checkout when it lacks them.
"""

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import load  # noqa: E402  the load test's seeding, environment and gunicorn start

ROOT = load.ROOT
PLAIN = "/__bench__/plain/"
SEARCHES = [  # text + a theme filter; the page computes every facet
    ("maison de santé", "sante"), ("transport à la demande", "mobilite"), ("tiers-lieu", "numerique"),
    ("cour d'école", "nature-en-ville"), ("réseau de chaleur", "transition-ecologique"), ("halle marché", "commerce"),
]
BENCH_FILES = ("kb/settings/bench.py", "kb/bench_urls.py")


def _loadavg() -> float:
    return os.getloadavg()[0]


def _prepare_app_dir(app_dir: Path) -> list[str]:
    copied = []
    for name in BENCH_FILES:
        target = app_dir / name
        if not target.exists():
            shutil.copyfile(ROOT / name, target)
            copied.append(name)
    return copied


def _collectstatic(db: Path, app_dir: Path) -> None:
    static_root = db.parent / "static"  # load._env puts KB_VAR_DIR beside the database
    if not (static_root / "staticfiles.json").exists():
        subprocess.run([load.PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=app_dir,
                       env=load._env(db), check=True)


def _workers_cpu(master: int) -> float:
    """CPU seconds used so far by gunicorn's workers: less sensitive to the machine's load than
    requests per second (a loaded machine lends the workers less of its time, not more work)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    for pid in children:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def _drive(port: int, kind: str, paths: list[str], clients: int, seconds: float, master: int) -> dict:
    """`clients` keep-alive clients (bench/load.py's) on `paths` for `seconds`."""
    results: list = []
    deadline = time.perf_counter() + seconds

    def pick(rng):
        return kind, rng.choice(paths)

    before, cpu = _loadavg(), _workers_cpu(master)
    start = time.perf_counter()
    threads = [load.Client(port, pick, deadline, results, seed) for seed in range(clients)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    elapsed = time.perf_counter() - start
    cpu = _workers_cpu(master) - cpu
    latencies = [r[1] * 1000 for r in results]
    return {
        "requests": len(results), "errors": sum(1 for r in results if not r[2]),
        "rps": len(results) / elapsed, "p50_ms": load._percentile(latencies, 50),
        "cpu_ms": cpu * 1000 / max(1, len(results)),
        "load_average": round((before + _loadavg()) / 2, 2),
    }


def _visit_once(port: int, paths: list[str]) -> None:
    import http.client

    conn = http.client.HTTPConnection(load.HOST, port, timeout=120)
    for path in paths:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}: nothing to measure")
        if response.will_close:
            conn.close()
            conn = http.client.HTTPConnection(load.HOST, port, timeout=120)
    conn.close()


def _fixed_practice_paths(db: Path, count: int) -> list[str]:
    """The same write-ups on every run (load.py samples at random): evenly spaced in path order."""
    every = sorted(load._practice_paths(db, sample=10**9))
    return every[:: max(1, len(every) // count)][:count]


def throughput(db: Path, app_dir: Path, workers: int, clients: int, seconds: float, rounds: int) -> dict:
    practices = _fixed_practice_paths(db, 60)
    shutil.rmtree(db.parent / "cache" / "default", ignore_errors=True)  # nothing computed by another run
    searches = [f"/recherche/?q={quote(q)}&thematique={theme}" for q, theme in SEARCHES]
    kinds = {"plain": [PLAIN], "practice": practices, "search": searches}
    port = load._free_port()
    env = {"PAGE_CACHE_SECONDS": "0", "DJANGO_SETTINGS_MODULE": "kb.settings.bench"}
    proc = load._start_gunicorn(db, port, workers, env, cwd=app_dir)
    try:
        # Warm-up: every worker imports and opens the database; every page is computed once
        # (what an uncached page reuses across requests: site, similar practices, renditions).
        for _ in range(workers):
            _visit_once(port, [PLAIN, *practices, *searches])
        measured: dict[str, list] = {kind: [] for kind in kinds}
        for _ in range(rounds):
            for kind, paths in kinds.items():
                measured[kind].append(_drive(port, kind, paths, clients, seconds, proc.pid))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
    out = {}
    for kind, runs in measured.items():
        out[kind] = {
            "rps": round(statistics.median(r["rps"] for r in runs), 1),
            "p50_ms": round(statistics.median(r["p50_ms"] for r in runs), 1),
            "cpu_ms": round(statistics.median(r["cpu_ms"] for r in runs), 2),
            "requests": sum(r["requests"] for r in runs), "errors": sum(r["errors"] for r in runs),
            "load_average": round(statistics.fmean(r["load_average"] for r in runs), 2),
        }
    for kind in ("practice", "search"):
        # ratio per round (the plain view measured next to it), then the median
        out[kind]["ratio_to_plain"] = round(
            statistics.median(p["rps"] / q["rps"] for p, q in zip(measured[kind], measured["plain"], strict=True)), 4
        )
        out[kind]["cpu_ratio_to_plain"] = round(out["plain"]["cpu_ms"] / out[kind]["cpu_ms"], 4)
    return out


QUERY_SCRIPT = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
import json
urls = json.loads({urls!r})
client = Client(HTTP_HOST="127.0.0.1")
counts = {{}}
for name, url in urls.items():
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    counts[name] = len(queries) if status == 200 else "HTTP %s" % status
print("QUERIES " + json.dumps(counts))
"""


def query_counts(db: Path, app_dir: Path) -> dict:
    practice = _fixed_practice_paths(db, 1)[0]
    q, theme = SEARCHES[0]
    urls = {"home": "/", "practice page": practice, "search": f"/recherche/?q={quote(q)}&thematique={theme}",
            "theme page": f"/pratiques/thematiques/{theme}/"}
    env = load._env(db, {"PAGE_CACHE_SECONDS": "0", "DJANGO_SETTINGS_MODULE": "kb.settings.bench"})
    done = subprocess.run([load.PYTHON, "manage.py", "shell", "-c", QUERY_SCRIPT.format(urls=json.dumps(urls))],
                          cwd=app_dir, env=env, check=True, capture_output=True, text=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("QUERIES "))
    return json.loads(line.removeprefix("QUERIES "))


REBUILD_SCRIPT = """
import json, time
from django.core.management import call_command
from practices.models import PracticePage
documents = PracticePage.objects.live().count()
wall, cpu = time.perf_counter(), time.process_time()
call_command("search_index", "rebuild", "--engine", "embedded", stdout=open("/dev/null", "w"))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so it reported the
# parent's peak (the bench process that had just seeded the base), not this process's
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) / 1024
print("REBUILD " + json.dumps({"documents": documents, "seconds": wall, "cpu_seconds": cpu, "peak_mib": peak}))
"""


def rebuild(db: Path, app_dir: Path) -> dict:
    env = load._env(db, {"DJANGO_SETTINGS_MODULE": "kb.settings.bench"})
    done = subprocess.run([load.PYTHON, "manage.py", "shell", "-c", REBUILD_SCRIPT], cwd=app_dir, env=env,
                          check=True, capture_output=True, text=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("REBUILD "))
    result = json.loads(line.removeprefix("REBUILD "))
    result["docs_per_second"] = round(result["documents"] / result["seconds"], 1)
    result.update(raw_fts5(db))
    if result.get("raw_docs_per_second"):
        result["ratio_to_raw"] = round(result["docs_per_second"] / result["raw_docs_per_second"], 4)
        result["cpu_ratio_raw_to_rebuild"] = round(result["cpu_seconds"] / result["raw_cpu_seconds"], 1)
    return result


def raw_fts5(db: Path, table: str = "search_fts") -> dict:
    """The floor: the rows the rebuild wrote, inserted into a fresh FTS5 table of the same definition."""
    source = sqlite3.connect(db)
    try:
        row = source.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
        if row is None:
            return {"raw": f"no {table} table"}
        rows = source.execute(f"SELECT rowid, * FROM {table}").fetchall()  # noqa: S608  fixed name
    finally:
        source.close()
    if not rows or all(value is None for value in rows[0][1:]):
        return {"raw": f"{table} stores no text (contentless): nothing to replay"}
    target = sqlite3.connect(":memory:")
    target.execute(row[0].replace(table, "raw_fts", 1))
    placeholders = ", ".join("?" * len(rows[0]))
    wall, cpu = time.perf_counter(), time.process_time()
    with target:
        target.executemany(f"INSERT INTO raw_fts(rowid, {', '.join(_columns(target))}) VALUES ({placeholders})", rows)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    target.close()
    return {"raw_seconds": wall, "raw_cpu_seconds": cpu, "raw_docs_per_second": round(len(rows) / wall, 1)}


def _columns(connection) -> list[str]:
    return [info[1] for info in connection.execute("PRAGMA table_info(raw_fts)")]


def report(result: dict) -> None:
    t = result["throughput"]
    print(f"\n{result['label']}: {result['practices']} practices, gunicorn {result['workers']} sync workers, "
          f"{result['clients']} clients, {result['rounds']} rounds × {result['seconds']} s, page cache off, "
          f"load average (1 min) {result['load_average']} on {os.cpu_count()} cores")
    print(f"{'page':<10}{'req/s':>9}{'p50 ms':>9}{'requests':>10}{'errors':>8}{'÷ plain':>10}"
          f"{'CPU ms/req':>12}{'÷ plain (CPU)':>15}")
    for kind in ("plain", "practice", "search"):
        row = t[kind]
        ratio = f"1/{1 / row['ratio_to_plain']:.1f}" if "ratio_to_plain" in row else ""
        cpu_ratio = f"1/{1 / row['cpu_ratio_to_plain']:.1f}" if "cpu_ratio_to_plain" in row else ""
        print(f"{kind:<10}{row['rps']:>9}{row['p50_ms']:>9}{row['requests']:>10}{row['errors']:>8}{ratio:>10}"
              f"{row['cpu_ms']:>12}{cpu_ratio:>15}")
    if "queries" in result:
        print("warm SQL queries: " + ", ".join(f"{k} {v}" for k, v in result["queries"].items()))
    r = result.get("rebuild")
    if r:
        line = (f"index rebuild (embedded): {r['documents']} documents in {r['seconds']:.1f} s = "
                f"{r['docs_per_second']} documents/s, peak {r['peak_mib']:.0f} MiB")
        if "raw_docs_per_second" in r:
            line += (f"; raw FTS5 insert of the same rows: {r['raw_docs_per_second']} documents/s "
                     f"(rebuild = {r['ratio_to_raw']:.4f} of it, {r['cpu_ratio_raw_to_rebuild']}× its CPU)")
        else:
            line += f"; raw FTS5: {r['raw']}"
        print(line)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "load.sqlite3")
    parser.add_argument("--count", type=int, default=10_000, help="practices seeded when the database is missing")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=8.0, help="per page kind and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="the checkout that serves (default: this one)")
    parser.add_argument("--label", default=None)
    parser.add_argument("--skip-rebuild", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="default: var/bench-peer.json")
    args = parser.parse_args(argv)
    db, app_dir = args.db.resolve(), args.app_dir.resolve()
    if not db.exists():
        load.seed(db, args.count)
    copied = _prepare_app_dir(app_dir) if app_dir != ROOT else []
    if copied:
        print(f"bench-peer: copied {', '.join(copied)} into {app_dir}")
    _collectstatic(db, app_dir)
    started_load = _loadavg()
    result = {
        "label": args.label or f"{app_dir.name} @ {_commit(app_dir)}", "practices": load._practice_count(db),
        "workers": args.workers, "clients": args.clients, "seconds": args.seconds, "rounds": args.rounds,
    }
    result["throughput"] = throughput(db, app_dir, args.workers, args.clients, args.seconds, args.rounds)
    result["queries"] = query_counts(db, app_dir)
    if not args.skip_rebuild:
        result["rebuild"] = rebuild(db, app_dir)
    result["load_average"] = round((started_load + _loadavg()) / 2, 2)
    report(result)
    out = args.json or ROOT / "var" / "bench-peer.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"bench-peer: figures written to {out}")
    return result


def _commit(app_dir: Path) -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=app_dir, capture_output=True, text=True)
    return done.stdout.strip() or "?"


if __name__ == "__main__":
    random.seed(2026)
    main()
