"""Load test: gunicorn on 127.0.0.1, 50 concurrent clients for 60 s over home, search and
practice pages, on a database of 10,000 published practices.

    python bench/load.py seed  [--db var/load.sqlite3] [--count 10000]
    python bench/load.py run   [--db var/load.sqlite3] [--clients 50] [--duration 60] [--label ...]
    python bench/load.py all   (seed if needed, then run)

`seed` builds the database once (migrate, demo site, then copies of the demo write-ups with
other communes, themes and titles, then the embedded search index). `run` starts gunicorn on a
free loopback port, warms it up, drives it with keep-alive HTTP clients (threads) and prints,
per page kind, the request count, errors, throughput and latency percentiles. Loopback only.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"

QUERIES = [
    "maison de santé", "navette seniors", "cour d'école végétalisée", "MSP", "tiers-lieu",
    "france services", "commerce centre-bourg", "mobilité", "numérique", "sante", "velo",
    "habitat OPAH-RU", "friche", "marché", "patrimoine", "médecin", "jardin partagé",
    "transport à la demande", "conseiller numérique", "revitalisation",
]


def _env(db: Path, extra=None):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kb.settings.production",
        DATABASE_URL=f"sqlite:///{db}",
        SECRET_KEY=env.get("LOAD_SECRET_KEY", "load-test-only-" + "x" * 50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        OPENSEARCH_URL="",
        KB_VAR_DIR=str(db.parent),
        MEDIA_ROOT=str(db.parent / "load-media"),
        LOG_LEVEL="WARNING",
    )
    env.update(extra or {})
    return env


# --- seed --------------------------------------------------------------------------------------

SEED_SCRIPT = r"""
import random, sys, time
from datetime import timedelta
import django
django.setup()
from django.db import transaction
from django.utils import timezone
from practices.models import Commune, PracticeIndexPage, PracticePage, Theme

target = int(sys.argv[1])
index = PracticeIndexPage.objects.first()
templates = list(PracticePage.objects.live().specific())
themes = list(Theme.objects.all())
communes = list(Commune.objects.filter(population__lt=20000, population__gt=1500).values_list("pk", flat=True))
rng = random.Random(10000)
now = timezone.now()
Through = PracticePage.themes.through
have = PracticePage.objects.count()
start = time.perf_counter()
COPY = ["summary", "programme", "phase", "start_year", "end_year", "budget", "partners", "context",
        "objectives", "actions", "results", "difficulties", "advice", "transferability", "key_figures",
        "testimony", "contact_name", "contact_role", "contact_organisation", "contact_public", "image", "image_alt"]
n = have
while n < target:
    with transaction.atomic():
        for _ in range(min(500, target - n)):
            src = rng.choice(templates)
            page = PracticePage(title=f"{src.title} ({n})", slug=f"charge-{n}", live=True, owner=src.owner)
            for field in COPY:
                setattr(page, field, getattr(src, field))
            page.commune_id = rng.choice(communes)
            page.first_published_at = page.last_published_at = now - timedelta(days=rng.randint(0, 2000))
            index.add_child(instance=page)
            Through.objects.bulk_create(
                [Through(practicepage_id=page.pk, theme_id=t.pk) for t in rng.sample(themes, rng.randint(1, 3))]
            )
            n += 1
    print(f"{n} practices ({time.perf_counter() - start:.0f} s)", flush=True)
"""


def seed(db: Path, count: int) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    env = _env(db)
    run = lambda *args: subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: E731
    started = time.perf_counter()
    run("migrate", "--noinput", "-v", "0")
    run("seed_demo", "--no-progress")
    subprocess.run([PYTHON, "-c", SEED_SCRIPT, str(count)], cwd=ROOT, env=env, check=True)
    run("search_index", "rebuild", "--engine", "embedded", "--no-progress")
    print(f"seeded {db} in {time.perf_counter() - started:.0f} s")


# --- run -----------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _practice_paths(db: Path, sample: int = 2000) -> list[str]:
    import sqlite3

    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT p.url_path FROM wagtailcore_page p JOIN practices_practicepage pp ON pp.page_ptr_id = p.id "
        "WHERE p.live = 1 ORDER BY random() LIMIT ?",
        (sample,),
    ).fetchall()
    con.close()
    # url_path is /<home slug>/pratiques/<slug>/ ; the home page is the site root.
    return ["/" + path.strip("/").split("/", 1)[1] + "/" for (path,) in rows]


def _percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


class Client(threading.Thread):
    def __init__(self, port, pick, deadline, results, seed):
        super().__init__(daemon=True)
        self.port, self.pick, self.deadline, self.results = port, pick, deadline, results
        self.rng = random.Random(seed)

    def run(self):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        local = []
        while time.perf_counter() < self.deadline:
            kind, path = self.pick(self.rng)
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1", "Accept-Encoding": "gzip"})
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
                if resp.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            local.append((kind, time.perf_counter() - t0, ok))
        conn.close()
        self.results.extend(local)


def _start_gunicorn(db: Path, port: int, workers: int, extra_env):
    cmd = [
        str(Path(PYTHON).parent / "gunicorn"), "kb.wsgi:application",
        "--bind", f"{HOST}:{port}", "--workers", str(workers), "--threads", "1",
        "--worker-class", "sync", "--keep-alive", "5", "--backlog", "2048",
        "--log-level", "warning", "--timeout", "60",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=_env(db, extra_env), start_new_session=True)
    for _ in range(200):
        try:
            c = http.client.HTTPConnection(HOST, port, timeout=5)
            c.request("GET", "/", headers={"Host": "127.0.0.1"})
            if c.getresponse().status:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def run(db: Path, clients: int, duration: int, workers: int, label: str, cache: bool, out: Path | None):
    if not db.exists():
        raise SystemExit(f"{db} does not exist: run `python bench/load.py seed` first")
    static_root = ROOT / "var" / "static"
    if not (static_root / "staticfiles.json").exists():
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=_env(db), check=True)
    practices = _practice_paths(db)
    weights = [("home", 0.3), ("search", 0.3), ("practice", 0.4)]

    def pick(rng):
        r = rng.random()
        if r < weights[0][1]:
            return "home", "/"
        if r < weights[0][1] + weights[1][1]:
            return "search", "/recherche/?q=" + quote(rng.choice(QUERIES))
        return "practice", rng.choice(practices)

    port = _free_port()
    extra = {"PAGE_CACHE_SECONDS": "300" if cache else "0"}
    proc = _start_gunicorn(db, port, workers, extra)
    try:
        # Warm-up: every worker imports, opens the database and fills its caches.
        warm = []
        deadline = time.perf_counter() + 5
        threads = [Client(port, pick, deadline, warm, i) for i in range(workers * 2)]
        [t.start() for t in threads]
        [t.join() for t in threads]

        results = []
        start = time.perf_counter()
        deadline = start + duration
        threads = [Client(port, pick, deadline, results, 1000 + i) for i in range(clients)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        elapsed = time.perf_counter() - start
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)

    report = {"label": label, "clients": clients, "duration_s": round(elapsed, 1), "workers": workers,
              "page_cache": cache, "pages": {}}
    print(f"\n{label}: {clients} clients, {elapsed:.0f} s, gunicorn {workers} sync workers, "
          f"page cache {'on' if cache else 'off'}")
    print(f"{'page':<10}{'requests':>10}{'errors':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind in ["home", "search", "practice", "all"]:
        rows = results if kind == "all" else [r for r in results if r[0] == kind]
        lat = [r[1] * 1000 for r in rows]
        errors = sum(1 for r in rows if not r[2])
        stats = {
            "requests": len(rows), "errors": errors, "rps": round(len(rows) / elapsed, 1),
            "p50_ms": round(_percentile(lat, 50), 1), "p95_ms": round(_percentile(lat, 95), 1),
            "p99_ms": round(_percentile(lat, 99), 1),
        }
        report["pages"][kind] = stats
        print(f"{kind:<10}{stats['requests']:>10}{stats['errors']:>8}{stats['rps']:>9}"
              f"{stats['p50_ms']:>9}{stats['p95_ms']:>9}{stats['p99_ms']:>9}")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2))
    return report


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["seed", "run", "all"])
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "load.sqlite3")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--no-cache", action="store_true", help="turn the anonymous page cache off")
    parser.add_argument("--label", default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the figures there")
    args = parser.parse_args(argv)
    db = args.db.resolve()
    if args.action in ("seed", "all"):
        if args.action == "seed" or not db.exists():
            seed(db, args.count)
    if args.action in ("run", "all"):
        label = args.label or ("without page cache" if args.no_cache else "with page cache")
        run(db, args.clients, args.duration, args.workers, label, not args.no_cache, args.json)


if __name__ == "__main__":
    shutil.os.chdir(ROOT)
    main()
