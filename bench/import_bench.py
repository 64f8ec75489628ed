"""Import at scale: `make bench-import` (IMPORT_ROWS=100000 by default).

Writes a JSON file of N generated rows in the export's schema (communes and themes taken from
the search benchmark's database, var/bench.sqlite3, seeded by `make bench`), then runs
`import_practices --dry-run` on it — the import's whole validation pass, which the real import
repeats before writing — and reports the time, the rows per second and the peak memory of the
process (ru_maxrss), to show that memory does not grow with the file.
"""

import argparse
import io
import json
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_bench import setup_django  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_rows(path: Path, n: int) -> None:
    from practices.models import Commune, Theme

    codes = list(Commune.objects.filter(kind=Commune.Kind.CURRENT).values_list("insee_code", flat=True)[:5000])
    themes = list(Theme.objects.values_list("slug", flat=True))
    rng = random.Random(2026)
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"meta": {"generator": "bench/import_bench.py"}, "practices": [\n')
        for i in range(n):
            row = {
                "id": f"bench-{i}", "title": f"Retour d'expérience numéro {i}", "commune_insee": rng.choice(codes),
                "summary": "Une maison de santé ouverte dans l'ancienne gendarmerie, avec neuf professionnels.",
                "themes": rng.sample(themes, 2), "keywords": ["santé", "centre-bourg"], "phase": "realise",
                "start_year": 2020 + i % 5, "budget": 100_000 + i, "funders": [{"funder": "anct", "amount": 1000}],
                "context": "<p>" + "Trois médecins partaient à la retraite. " * 8 + "</p>",
                "actions": "<p>Rachat du bâtiment, travaux, recrutement.</p>",
                "key_figures": [{"value": "9", "label": "professionnels"}],
                "quote": {"text": "Le projet a changé le centre-bourg.", "author": "La maire"},
            }
            handle.write(("," if i else "") + json.dumps(row, ensure_ascii=False) + "\n")
        handle.write("]}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "bench.sqlite3")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"import bench: {args.db} is missing: run `make bench` first (it seeds the communes).")
    setup_django(args.db)
    from django.core.management import CommandError, call_command

    path = ROOT / "var" / f"import-bench-{args.rows}.json"
    start = time.perf_counter()
    write_rows(path, args.rows)
    print(f"import bench: {args.rows} rows written to {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.0f} s")
    before = peak_mb()
    start = time.perf_counter()
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_practices", str(path), "--dry-run", stdout=out, stderr=err)
    except CommandError as error:
        print(f"import bench: refused: {error}\n{err.getvalue()[:2000]}")
    seconds = time.perf_counter() - start
    print(out.getvalue().strip())
    print(f"import bench: dry run of {args.rows} rows in {seconds:.0f} s ({args.rows / seconds:.0f} rows/s); "
          f"peak memory {peak_mb():.0f} MB (before the run: {before:.0f} MB); file {path.stat().st_size / 1e6:.0f} MB")
    path.unlink()


if __name__ == "__main__":
    main()
