"""Operate the search indices.

    manage.py search_index rebuild [--engine all|embedded|opensearch] [--if-missing]
    manage.py search_index status
    manage.py search_index sync

`rebuild` rewrites the embedded tables and, when OPENSEARCH_URL is set, writes a new
OpenSearch index and swaps the alias to it. `status` lists the drift between the live
practices and each index (missing, stale, extra) and the queued operations; `sync` replays
the queue and repairs the drift.
"""

import gc
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from practices.queries import live_practices
from search import sync
from search.documents import build_documents, iter_documents
from search.models import PendingIndexOperation

SHOWN_IDS = 20
SYNC_CHUNK = 500  # practices (re)indexed per batch: after an analysis change, every one is stale


@contextmanager
def _collector_spared():
    """The objects alive before a rebuild (Django, the apps, the models) kept out of the
    garbage collector's full passes, which went through all of them again and again: 0.2 s of
    the 5.8 s of CPU of a 10,000-practice rebuild. They go back to it afterwards."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Command(BaseCommand):
    help = "Rebuild, inspect or repair the search indices (embedded and OpenSearch)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "sync"])
        parser.add_argument("--engine", choices=["all", "embedded", "opensearch"], default="all")
        parser.add_argument("--if-missing", action="store_true", help="rebuild only an engine whose index does not exist yet")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, action, engine="all", if_missing=False, no_progress=False, **options):
        self.no_progress = no_progress
        engines = self.engines(engine)
        if not engines:
            raise CommandError("OPENSEARCH_URL is not set: there is no OpenSearch index to work on.")
        getattr(self, action)(engines, if_missing=if_missing)

    def engines(self, which: str) -> dict:
        out = {}
        if which in ("all", "embedded"):
            out["embedded"] = sync.embedded_engine()
        if which in ("all", "opensearch") and settings.OPENSEARCH_URL:
            out["opensearch"] = sync.opensearch_engine()
        return out

    def documents(self, desc: str = "documents"):
        """The documents of every live practice, streamed (see iter_documents), with a progress bar."""
        total = live_practices().count()
        with tqdm(total=total, desc=desc, unit="doc", disable=self.no_progress) as bar:
            for doc in iter_documents():
                yield doc
                bar.update(1)

    # --- rebuild -------------------------------------------------------------------------

    def rebuild(self, engines: dict, if_missing: bool = False) -> None:
        if if_missing:
            engines = {name: engine for name, engine in engines.items() if not self.opensearch_safe(self.exists, name, engine)}
            if not engines:
                self.stdout.write("search_index: every index exists, nothing to rebuild.")
                return
        with _collector_spared():
            self.rebuild_engines(engines)

    def rebuild_engines(self, engines: dict) -> None:
        if "embedded" in engines:
            started = time.monotonic()
            count = engines["embedded"].rebuild(self.documents("embedded"))
            self.stdout.write(
                self.style.SUCCESS(f"embedded: {count} practices indexed in {time.monotonic() - started:.1f} s")
            )
        if "opensearch" in engines:
            result = self.opensearch_safe(engines["opensearch"].rebuild, self.documents("opensearch"))
            # every practice is now in the index: what was queued is done
            PendingIndexOperation.objects.filter(engine=sync.ENGINE).delete()
            sync.mark_up()
            replaced = ", ".join(result["replaced"]) or "none"
            self.stdout.write(
                self.style.SUCCESS(
                    f"opensearch: {result['count']} practices in {result['index']} ({result['seconds']:.1f} s); "
                    f"alias {engines['opensearch'].alias} swapped; old indices removed: {replaced}"
                )
            )

    def opensearch_safe(self, call, *args, **kwargs):
        """An engine that dies mid-way ends the command with one line, not a traceback: the
        alias still points at the previous complete index, so search keeps answering."""
        client_logger = logging.getLogger("opensearch")  # logs each failed request with a traceback
        level = client_logger.level
        client_logger.setLevel(logging.CRITICAL)
        try:
            return call(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 — any transport or engine failure
            reason = " ".join(str(exc).split())[:200] or type(exc).__name__
            raise CommandError(
                f"OpenSearch a cessé de répondre pendant la reconstruction / OpenSearch stopped answering "
                f"during the rebuild ({type(exc).__name__}: {reason}); the previous index is still in use, "
                f"run `search_index rebuild` again once it is back."
            ) from exc
        finally:
            client_logger.setLevel(level)

    def exists(self, name: str, engine) -> bool:
        if name == "opensearch":
            return engine.alias_exists()
        from search.models import SearchDocument

        return SearchDocument.objects.exists() or not live_practices().exists()

    # --- status and sync -------------------------------------------------------------------

    def drift(self, engines: dict) -> dict:
        # only the hashes are kept: the documents to write are built again, chunk by chunk
        expected = {d["page_id"]: d["doc_hash"] for d in self.documents()}
        report = {}
        for name, engine in engines.items():
            indexed = engine.indexed_hashes()
            report[name] = {
                "missing": sorted(set(expected) - set(indexed)),
                "stale": sorted(i for i in set(expected) & set(indexed) if indexed[i] != expected[i]),
                "extra": sorted(set(indexed) - set(expected)),
                "indexed": len(indexed),
            }
        return {"expected": expected, "engines": report}

    def print_drift(self, result: dict) -> int:
        total_drift = 0
        self.stdout.write(f"live practices: {len(result['expected'])}")
        for name, report in result["engines"].items():
            drift = sum(len(report[k]) for k in ("missing", "stale", "extra"))
            total_drift += drift
            line = f"{name}: {report['indexed']} indexed, {len(report['missing'])} missing, {len(report['stale'])} stale, {len(report['extra'])} extra"
            self.stdout.write(self.style.SUCCESS(line) if not drift else self.style.WARNING(line))
            for kind in ("missing", "stale", "extra"):
                if report[kind]:
                    shown = ", ".join(map(str, report[kind][:SHOWN_IDS]))
                    more = " …" if len(report[kind]) > SHOWN_IDS else ""
                    self.stdout.write(f"  {kind}: {shown}{more}")
        pending = PendingIndexOperation.objects.count()
        self.stdout.write(f"pending operations: {pending}")
        return total_drift + pending

    def status(self, engines: dict, **kwargs) -> None:
        if "opensearch" in engines:
            try:
                if not engines["opensearch"].alias_exists():
                    self.stdout.write(self.style.WARNING(f"opensearch: alias {engines['opensearch'].alias} is missing"))
            except Exception as exc:  # noqa: BLE001
                self.stdout.write(self.style.ERROR(f"opensearch: unreachable ({exc})"))
                engines = {k: v for k, v in engines.items() if k != "opensearch"}
        self.print_drift(self.drift(engines))

    def sync(self, engines: dict, **kwargs) -> None:
        if "opensearch" in engines:
            try:
                engines["opensearch"].create_index_if_missing()
                done, left = sync.replay_pending()
            except Exception as exc:  # noqa: BLE001
                raise CommandError(f"OpenSearch is unreachable ({exc}); nothing was lost, run sync again later.") from exc
            self.stdout.write(f"opensearch: {done} queued operations replayed, {left} left")
        result = self.drift(engines)
        for name, report in result["engines"].items():
            engine = engines[name]
            to_index = report["missing"] + report["stale"]
            with transaction.atomic():
                for start in range(0, len(to_index), SYNC_CHUNK):
                    engine.index_documents(list(build_documents(to_index[start : start + SYNC_CHUNK]).values()))
                engine.delete(report["extra"])
            self.stdout.write(
                f"{name}: {len(to_index)} practices (re)indexed, {len(report['extra'])} removed"
            )
        if self.print_drift(self.drift(engines)):
            raise CommandError("search_index sync: drift remains (see above).")
        self.stdout.write(self.style.SUCCESS("search_index sync: every index equals the live practices."))
