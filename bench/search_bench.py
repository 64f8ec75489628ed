"""Search benchmark: `make bench` (BENCH_N=10000 by default).

Seeds N practices with generated French text into a separate SQLite file (var/bench.sqlite3,
never the dev database) with bulk inserts, then measures on the same data:

- the embedded engine: bulk indexing throughput, raw engine time and full /recherche/ page
  time for a query with text + 3 filters + all facets + extracts (20 results);
- OpenSearch on an osmem-server started here (or OPENSEARCH_URL if set): bulk indexing into
  a new index + alias swap, the raw request time, and the full page time;
- Wagtail's stock database search backend (modelsearch) on the same pages: indexing time and
  a search + count + facet (it only filters on declared FilterFields: phase).

Prints the figures and writes them to var/bench-results.json.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("maison de santé", "sante"),
    ("transport à la demande", "mobilite"),
    ("tiers-lieu numérique", "numerique"),
    ("cour d'école végétalisée", "nature-en-ville"),
    ("vélo électrique", "mobilite"),
    ("réseau de chaleur", "transition-ecologique"),
]


def setup_django(db_path: Path, database_url: str = ""):
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{db_path}"
    # Forced, not defaulted: the Makefile exports the dev settings (DEBUG on, hosts limited),
    # which would time the debug machinery instead of the page.
    os.environ["DJANGO_SETTINGS_MODULE"] = "kb.settings.test"
    os.environ["OPENSEARCH_URL_FOR_BENCH"] = os.environ.pop("OPENSEARCH_URL", "")
    import django

    django.setup()
    from django.conf import settings

    settings.OPENSEARCH_URL = ""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    def pick(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
    return {"p50": pick(50), "p95": pick(95), "runs": len(ordered), "mean": statistics.fmean(ordered)}


def timed(func, runs: int, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        func(0)
    out = []
    for i in range(runs):
        start = time.perf_counter()
        func(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


# --- seeding ------------------------------------------------------------------------------


def seed(n: int, rng: random.Random) -> None:
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from taggit.models import Tag
    from wagtail.models import Locale, Page, Site

    from bench.corpus import practice
    from home.models import HomeFeaturedPractice, HomePage
    from practices.models import (
        Commune,
        Department,
        Funder,
        PracticeFunding,
        PracticeIndexPage,
        PracticePage,
        PracticeTag,
        Region,
        Theme,
    )

    data_dir = settings.COMMUNES_DATA_DIR
    with transaction.atomic():
        regions = json.loads((data_dir / "regions.json").read_text(encoding="utf-8"))
        departments = json.loads((data_dir / "departements.json").read_text(encoding="utf-8"))
        Region.objects.bulk_create([Region(code=r["code"], name=r["nom"]) for r in regions], ignore_conflicts=True)
        region_ids = dict(Region.objects.values_list("code", "pk"))
        Department.objects.bulk_create(
            [Department(code=d["code"], name=d["nom"], region_id=region_ids[d["region"]]) for d in departments if d["region"] in region_ids],
            ignore_conflicts=True,
        )
        department_ids = dict(Department.objects.values_list("code", "pk"))
        communes = [
            c for c in json.loads((data_dir / "communes.json").read_text(encoding="utf-8"))
            if c.get("type") == "commune-actuelle" and c.get("departement") in department_ids and 300 < (c.get("population") or 0) < 25000
        ]
        sample = rng.sample(communes, min(3000, len(communes)))
        Commune.objects.bulk_create(
            [Commune(insee_code=c["code"], name=c["nom"], department_id=department_ids[c["departement"]], population=c["population"]) for c in sample],
            ignore_conflicts=True,
        )
        commune_rows = list(Commune.objects.values_list("pk", "name", "population"))

        root = Page.get_first_root_node()
        home = HomePage.objects.first() or root.add_child(instance=HomePage(title="Accueil", slug="accueil"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80})
        index = PracticeIndexPage.objects.first() or home.add_child(instance=PracticeIndexPage(title="Retours d'expérience", slug="pratiques"))
        index.refresh_from_db()

        ct = ContentType.objects.get_for_model(PracticePage)
        locale = Locale.get_default()
        themes = dict(Theme.objects.values_list("slug", "pk"))
        funders = dict(Funder.objects.values_list("slug", "pk"))
        now = time.time()
        from datetime import UTC, datetime

        rows, pages = [], []
        start_step = index.numchild
        for i in range(n):
            commune_id, commune_name, population = rng.choice(commune_rows)
            row = practice(rng, commune_name, population or 1000)
            row["commune_id"] = commune_id
            slug = f"p{i:06d}-{row['subject']}"
            published = datetime.fromtimestamp(now - rng.randint(0, 5 * 365 * 86400), tz=UTC)
            pages.append(
                Page(
                    title=row["title"], draft_title=row["title"], slug=slug, content_type=ct, locale=locale,
                    path=Page._get_path(index.path, index.depth + 1, start_step + i + 1), depth=index.depth + 1,
                    numchild=0, url_path=f"{index.url_path}{slug}/", live=True, has_unpublished_changes=False,
                    first_published_at=published, last_published_at=published, translation_key=uuid.uuid4(),
                )
            )
            rows.append(row)
        created = Page.objects.bulk_create(pages, batch_size=1000)
        index.numchild = start_step + n
        index.save(update_fields=["numchild"])

        fields = [f for f in PracticePage._meta.local_concrete_fields]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {PracticePage._meta.db_table} ({columns}) VALUES ({placeholders})"
        values = []
        for page, row in zip(created, rows, strict=True):
            obj = PracticePage(
                page_ptr_id=page.pk, summary=row["summary"], commune_id=row["commune_id"], programme=row["programme"],
                phase=row["phase"], start_year=row["start_year"], end_year=row["end_year"], budget=row["budget"],
                staff_days=row["staff_days"], months_to_deliver=row["months_to_deliver"], context=row["context"],
                objectives=row["objectives"], actions=row["actions"], results=row["results"], advice=row["advice"],
                difficulties=row["difficulties"], transferability=row["transferability"], key_figures=row["key_figures"],
                results_date=row["results_date"],
            )
            values.append([f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields])
        with connection.cursor() as cursor:
            for start in range(0, len(values), 1000):
                cursor.executemany(sql, values[start : start + 1000])

        through = PracticePage.themes.through
        through.objects.bulk_create(
            [through(practicepage_id=p.pk, theme_id=themes[s]) for p, r in zip(created, rows, strict=True) for s in r["themes"] if s in themes],
            batch_size=2000,
        )
        tag_names = sorted({k for r in rows for k in r["keywords"]})
        from django.utils.text import slugify

        slugs = {t: slugify(t)[:100] or f"tag-{i}" for i, t in enumerate(tag_names)}
        Tag.objects.bulk_create([Tag(name=t, slug=slugs[t]) for t in tag_names], ignore_conflicts=True)
        # A tag already there under another case ("led" from the demo for "LED") keeps its row:
        # names and slugs are both unique, so look a keyword up by either.
        tag_ids = dict(Tag.objects.values_list("slug", "pk"))
        tag_ids.update(Tag.objects.values_list("name", "pk"))
        PracticeTag.objects.bulk_create(
            [PracticeTag(content_object_id=p.pk, tag_id=tag_ids.get(k) or tag_ids[slugs[k]])
             for p, r in zip(created, rows, strict=True) for k in r["keywords"]],
            batch_size=2000,
        )
        PracticeFunding.objects.bulk_create(
            [PracticeFunding(page_id=p.pk, funder_id=funders[f], sort_order=j) for p, r in zip(created, rows, strict=True) for j, f in enumerate(r["funders"]) if f in funders],
            batch_size=2000,
        )
        HomeFeaturedPractice.objects.bulk_create(
            [HomeFeaturedPractice(home=home, practice_id=p.pk, sort_order=j) for j, p in enumerate(rng.sample(created, min(6, len(created))))]
        )


def ensure_data(db_path: Path, n: int, fresh: bool) -> float:
    from django.core.management import call_command

    from practices.models import PracticePage

    if fresh and db_path.exists() and not os.environ["DATABASE_URL"].startswith("postgres"):
        db_path.unlink()
    call_command("migrate", verbosity=0)
    count = PracticePage.objects.live().count()
    if count == n:
        print(f"bench: reusing {db_path} ({n} practices)")
        return 0.0
    if count:
        raise SystemExit(f"bench: {db_path} holds {count} practices, not {n}: rerun with --fresh")
    start = time.perf_counter()
    seed(n, random.Random(2026))
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    seconds = time.perf_counter() - start
    print(f"bench: seeded {n} practices in {seconds:.1f} s")
    return seconds


# --- measurements --------------------------------------------------------------------------


def params_for(i: int, regions: list[str]):
    from search.types import SearchParams

    q, theme = QUERIES[i % len(QUERIES)]
    return SearchParams(q=q, filters={"themes": [theme], "region": [regions[i % len(regions)]], "size_band": ["lt2500", "2500-5000"]})


def page_query(params) -> dict:
    from search.types import FACETS

    by_field = {v: k for k, v in FACETS.items()}
    out = {"q": params.q}
    for field, values in params.filters.items():
        out[by_field[field]] = values
    return out


def bench_page(runs: int, regions: list[str]) -> list[float]:
    from django.test import Client

    client = Client()

    def one(i):
        response = client.get("/recherche/", page_query(params_for(i, regions)))
        if response.status_code != 200:
            raise SystemExit(f"bench: /recherche/ answered {response.status_code}")

    return timed(one, runs)


def reader_insee() -> str:
    """The reader's commune for the « Proches de ma commune » page: the commune of the first
    practice (any commune with practices; the sort scores all matches whichever it is)."""
    from practices.models import PracticePage

    return PracticePage.objects.live().order_by("pk").values_list("commune__insee_code", flat=True).first()


def bench_page_pair(runs: int, regions: list[str]) -> dict:
    """The full page sorted by relevance and by proximity to the reader's commune (cookie set
    for both, so both show the hints), the same rotated queries, runs interleaved so that a
    busy machine weighs on both alike. Returns both percentiles and the p95 ratio (issue 14:
    proximity p95 within 1.5× of relevance)."""
    from django.test import Client

    from communes.reader import COOKIE

    client = Client()
    client.cookies[COOKIE] = reader_insee()
    samples = {"pertinence": [], "proximite": []}

    def one(i, sort):
        query = page_query(params_for(i, regions))
        if sort != "pertinence":
            query["tri"] = sort
        start = time.perf_counter()
        response = client.get("/recherche/", query)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200 or (sort == "proximite" and 'value="proximite" selected' not in response.content.decode()):
            raise SystemExit(f"bench: /recherche/ ({sort}) answered {response.status_code} or ignored the sort")
        return elapsed

    for sort in samples:  # warm-up
        one(0, sort)
    for i in range(runs):
        for sort in (("pertinence", "proximite") if i % 2 == 0 else ("proximite", "pertinence")):
            samples[sort].append(one(i, sort))
    relevance, proximity = percentiles(samples["pertinence"]), percentiles(samples["proximite"])
    return {"relevance_page_ms": relevance, "proximity_page_ms": proximity,
            "proximity_p95_ratio": proximity["p95"] / relevance["p95"], "load_average": os.getloadavg()[0]}


REBUILD_SCRIPT = """
import json, time
from django.core.management import call_command
from practices.models import PracticePage
documents = PracticePage.objects.live().count()
wall, cpu = time.perf_counter(), time.process_time()
call_command("search_index", "rebuild", "--engine", "embedded", "--no-progress", stdout=open("/dev/null", "w"))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so it reported the
# parent's peak (the bench process that had just seeded the base), not this process's
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) / 1024
print("REBUILD " + json.dumps({"documents": documents, "seconds": wall, "cpu_seconds": cpu, "peak_mib": peak}))
"""


def rebuild_embedded() -> dict:
    """`search_index rebuild --engine embedded` in a process of its own (the command as an
    operator runs it), on the database set up here: its time and its peak memory."""
    import subprocess

    load = os.getloadavg()[0]
    done = subprocess.run([sys.executable, "manage.py", "shell", "-c", REBUILD_SCRIPT], cwd=ROOT, env=os.environ,
                          check=True, capture_output=True, text=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("REBUILD "))
    result = json.loads(line.removeprefix("REBUILD "))
    result["docs_per_second"] = result["documents"] / result["seconds"]
    result["load_average"] = round((load + os.getloadavg()[0]) / 2, 2)
    return result


def bench_embedded(runs: int, regions: list[str]) -> dict:
    from search.engines.embedded import EmbeddedEngine

    engine = EmbeddedEngine()
    rebuild = rebuild_embedded()
    sample = engine.search(params_for(0, regions))
    raw = timed(lambda i: engine.search(params_for(i, regions)), runs)
    page = bench_page(runs, regions)
    pair = bench_page_pair(runs, regions)
    return {
        "proximity": pair,
        "documents": rebuild["documents"], "index_seconds": rebuild["seconds"], "rebuild": rebuild,
        "docs_per_second": rebuild["docs_per_second"], "peak_mib": rebuild["peak_mib"],
        "raw_ms": percentiles(raw), "page_ms": percentiles(page),
        "raw_samples": raw, "page_samples": page,
        "sample_total": sample.total, "sample_hits": len(sample.hits),
    }


def bench_samples(runs: int, regions: list[str]) -> dict:
    """The engine and the full page only (a further round of a growth point)."""
    from search.engines.embedded import EmbeddedEngine

    engine = EmbeddedEngine()
    raw = timed(lambda i: engine.search(params_for(i, regions)), runs)
    return {"raw_samples": raw, "page_samples": bench_page(runs, regions)}


def growth(sizes: list[int], main: dict, args) -> dict:
    """The embedded engine at several sizes, each on its own database (seeded once, then
    reused): search page p95, rebuild throughput and peak memory. The size of the main run is
    taken from it; the others run this script in a child process, embedded engine only. Then
    `--growth-rounds` − 1 more rounds time the engine and the page again at every size in turn,
    each in a new process, and the percentiles are taken over all the rounds' samples: on a
    shared machine, the speed of a whole run drifted by a quarter from one minute to the next,
    which a single run per size put into the ratio between sizes."""
    import subprocess

    def child(n: int, *extra: str) -> dict:
        db = args.db if n == main["practices"] else args.db.with_name(f"bench-{n}.sqlite3")
        out = args.db.with_name(f"bench-growth-{n}.json")
        subprocess.run(
            [sys.executable, __file__, "--practices", str(n), "--db", str(db), "--runs", str(args.runs),
             "--skip-stock", "--skip-opensearch", "--growth", "", "--json", str(out), "--quiet", *extra],
            check=True,
        )
        return json.loads(out.read_text(encoding="utf-8"))["embedded"]

    firsts = {}
    for n in sizes:
        if n == main["practices"]:
            firsts[n] = main["embedded"]
        else:
            print(f"bench: embedded engine at {n} practices ({args.db.with_name(f'bench-{n}.sqlite3').name}) …", flush=True)
            firsts[n] = child(n)
    samples = {n: {"raw": list(e["raw_samples"]), "page": list(e["page_samples"])} for n, e in firsts.items()}
    for round_number in range(2, args.growth_rounds + 1):
        print(f"bench: growth round {round_number} of {args.growth_rounds} …", flush=True)
        for n in sizes:
            e = child(n, "--samples-only")
            samples[n]["raw"] += e["raw_samples"]
            samples[n]["page"] += e["page_samples"]
    points = {}
    for n, e in firsts.items():
        page, raw = percentiles(samples[n]["page"]), percentiles(samples[n]["raw"])
        points[str(n)] = {
            "page_p95_ms": page["p95"], "page_p50_ms": page["p50"], "engine_p95_ms": raw["p95"], "engine_p50_ms": raw["p50"],
            "samples": page["runs"], "rounds": args.growth_rounds,
            "docs_per_second": e["docs_per_second"], "peak_mib": e["peak_mib"],
            "rebuild_cpu_seconds": e["rebuild"]["cpu_seconds"], "load_average": e["rebuild"]["load_average"],
        }
    return points


def bench_opensearch(runs: int, regions: list[str]) -> dict:
    from django.conf import settings

    from search import sync
    from search.documents import iter_documents
    from search.engines import opensearch

    server = None
    url = os.environ.get("OPENSEARCH_URL_FOR_BENCH", "")
    if not url:
        from osmem_server import OsmemServer

        server = OsmemServer.start(japanese=False)
        url = server.url
        settings.OPENSEARCH_STEMMER = "french"
    settings.OPENSEARCH_URL = url
    settings.OPENSEARCH_TIMEOUT = 30
    settings.OPENSEARCH_INDEX_PREFIX = f"bench{uuid.uuid4().hex[:6]}"
    opensearch.reset_engine()
    sync.reset_state()
    try:
        engine = opensearch.get_engine()
        docs = list(iter_documents())
        start = time.perf_counter()
        result = engine.rebuild(docs)
        indexed = time.perf_counter() - start
        from search.engines import plan as planning
        from search.engines.common import clamp

        took = []

        def raw_request(i):
            params = clamp(params_for(i, regions))
            body = engine.build_query(params, planning.build(params.q))
            took.append(engine.client.search(index=engine.alias, body=body)["took"])

        raw = timed(raw_request, runs)
        api_times = timed(lambda i: engine.search(params_for(i, regions)), runs)
        sync._state["last_replay"] = float("inf")
        page = bench_page(runs, regions)
        pair = bench_page_pair(runs, regions)
        sample = engine.search(params_for(0, regions))
        return {
            "proximity": pair,
            "server": "osmem-server (emulator)" if server else url, "documents": result["count"],
            "index_seconds": indexed, "docs_per_second": result["count"] / indexed,
            "raw_ms": percentiles(raw), "engine_took_ms": percentiles(took[-runs:]), "api_ms": percentiles(api_times),
            "page_ms": percentiles(page), "sample_total": sample.total,
        }
    finally:
        try:
            opensearch.get_engine().drop_all()
        except Exception:  # noqa: BLE001
            pass
        settings.OPENSEARCH_URL = ""
        opensearch.reset_engine()
        if server:
            server.close()


def bench_stock(runs: int, regions: list[str]) -> dict:
    from wagtail.search.backends import get_search_backend

    from practices.models import PracticePage

    backend = get_search_backend("default")
    qs = PracticePage.objects.live()
    start = time.perf_counter()
    index = backend.get_index_for_model(PracticePage)
    backend.reset_index() if hasattr(backend, "reset_index") else None
    index.add_items(PracticePage, list(qs.order_by("pk")))
    indexed = time.perf_counter() - start
    count = qs.count()

    def one(i):
        params = params_for(i, regions)
        results = PracticePage.objects.live().filter(phase__in=["realise", "en_cours", "evalue"]).search(params.q, operator="or")
        results.count()
        list(results[:20])
        results.facet("phase")

    samples = timed(one, runs, warmup=1)
    return {"documents": count, "index_seconds": indexed, "docs_per_second": count / indexed, "raw_ms": percentiles(samples)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--stock-runs", type=int, default=3, help="Wagtail's database backend takes seconds per query")
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument("--skip-opensearch", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="re-seed from scratch")
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "bench.sqlite3")
    parser.add_argument("--database-url", default="", help="bench another database, e.g. an empty PostgreSQL one")
    parser.add_argument("--growth", default="1000,10000,50000",
                        help="sizes at which to measure the embedded engine alone, comma-separated ('' for none); "
                             "each size other than --practices gets its own database, var/bench-N.sqlite3")
    parser.add_argument("--growth-rounds", type=int, default=3,
                        help="rounds of engine and page timings at each growth size, in turn (see growth())")
    parser.add_argument("--samples-only", action="store_true", help="time the engine and the page only (a growth round)")
    parser.add_argument("--json", type=Path, default=None, help="default: var/bench-results.json")
    parser.add_argument("--quiet", action="store_true", help="no report (a growth point run by the main run)")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    setup_django(args.db, args.database_url)
    seeded = ensure_data(args.db, args.practices, args.fresh)

    from django.db.models import Count

    from practices.models import PracticePage

    regions = [
        r["commune__department__region__code"]
        for r in PracticePage.objects.live().values("commune__department__region__code").annotate(n=Count("pk")).order_by("-n")[:5]
    ]
    from django.db import connection

    results = {"database": "PostgreSQL tsvector" if connection.vendor == "postgresql" else "SQLite FTS5", "practices": args.practices, "seed_seconds": seeded, "query": "text + 3 filters (theme, région, town size) + 8 facets + extracts, 20 results"}
    if args.samples_only:
        results["embedded"] = bench_samples(args.runs, regions)
        write(results, args)
        return
    print("bench: embedded engine …", flush=True)
    results["embedded"] = bench_embedded(args.runs, regions)
    results["load_average"] = round(os.getloadavg()[0], 2)
    if args.quiet:
        write(results, args)
        return
    report(results)  # printed as soon as measured: the slower parts follow
    sizes = [int(n) for n in args.growth.split(",") if n.strip()]
    if sizes and connection.vendor == "sqlite":
        results["growth"] = growth(sizes, results, args)
        report(results)
    if not args.skip_opensearch:
        print("bench: OpenSearch …", flush=True)
        results["opensearch"] = bench_opensearch(args.runs, regions)
        report(results)
    if not args.skip_stock:
        print(f"bench: Wagtail's stock database backend ({args.stock_runs} runs) …", flush=True)
        results["wagtail_database"] = bench_stock(args.stock_runs, regions)
    report(results)
    write(results, args)


def write(results: dict, args) -> None:
    from django.db import connection

    name = "bench-results-postgres.json" if connection.vendor == "postgresql" else "bench-results.json"
    out = args.json or ROOT / "var" / name
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if not args.quiet:
        print(f"bench: figures written to {out}")


def report(r: dict) -> None:
    def ms(d):
        return f"p50 {d['p50']:.1f} ms / p95 {d['p95']:.1f} ms"

    print()
    print(f"Search benchmark, {r['practices']} practices — {r['query']} (load average {r.get('load_average')})")
    e = r["embedded"]
    print(f"  embedded ({r.get('database', 'SQLite FTS5')}): `search_index rebuild --engine embedded` "
          f"{e['docs_per_second']:.0f} docs/s ({e['index_seconds']:.1f} s, {e['rebuild']['cpu_seconds']:.1f} s CPU), "
          f"peak memory {e['peak_mib']:.0f} MiB")
    print(f"    engine {ms(e['raw_ms'])}; full page {ms(e['page_ms'])}  [{e['sample_total']} hits for the first query]")
    for name in ("embedded", "opensearch"):
        if "proximity" in r.get(name, {}):
            p = r[name]["proximity"]
            print(f"    {name}, full page with a reader commune: relevance {ms(p['relevance_page_ms'])}; "
                  f"« Proches de ma commune » {ms(p['proximity_page_ms'])}; p95 ratio {p['proximity_p95_ratio']:.2f}× "
                  f"(target ≤ 1.5×; load average {p['load_average']:.2f})")
    if "growth" in r:
        g = r["growth"]
        rounds = next(iter(g.values())).get("rounds", 1)
        print(f"  embedded engine by size (each its own database; page and engine over {rounds} rounds taken in turn):")
        for n, p in g.items():
            print(f"    {int(n):>6} practices: page p50 {p['page_p50_ms']:.1f} / p95 {p['page_p95_ms']:.1f} ms, "
                  f"engine p95 {p['engine_p95_ms']:.1f} ms; rebuild {p['docs_per_second']:.0f} docs/s, "
                  f"peak {p['peak_mib']:.0f} MiB (load average {p['load_average']})")
        if "1000" in g and "10000" in g:
            print(f"    page p95 at 10,000 ÷ at 1,000: {g['10000']['page_p95_ms'] / g['1000']['page_p95_ms']:.2f} "
                  f"(engine {g['10000']['engine_p95_ms'] / g['1000']['engine_p95_ms']:.2f})")
    if "opensearch" in r:
        o = r["opensearch"]
        print(f"  OpenSearch ({o['server']}): bulk indexing {o['docs_per_second']:.0f} docs/s ({o['index_seconds']:.1f} s, new index + alias swap)")
        print(f"    one request {ms(o['raw_ms'])} (server 'took' {ms(o['engine_took_ms'])}); api.search {ms(o['api_ms'])}; full page {ms(o['page_ms'])}")
        print(f"    page / raw request at p50: {o['page_ms']['p50'] / o['raw_ms']['p50']:.2f}×")
    if "wagtail_database" in r:
        w = r["wagtail_database"]
        print(f"  Wagtail database backend: indexing {w['docs_per_second']:.0f} docs/s; search+count+facet {ms(w['raw_ms'])}")
        print(f"    embedded engine faster by {w['raw_ms']['p50'] / e['raw_ms']['p50']:.0f}× at p50, {w['raw_ms']['p95'] / e['raw_ms']['p95']:.0f}× at p95")


if __name__ == "__main__":
    main()
