"""Keeps the engines equal to the live practices, and never lets an engine failure block or
lose an edit.

The embedded engine lives in the site's database: it is written in the same transaction as
the edit. OpenSearch is written after the commit, with a bounded timeout; when it fails or is
known to be down, the practice is queued in PendingIndexOperation and replayed later — after
the next successful write, from the search page at most every REPLAY_INTERVAL seconds, and by
`manage.py search_index sync`. A replay reads the practice's current state, so the queue only
needs to remember which practices to look at again.
"""

import logging
import threading
import time

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished, post_page_move

from .documents import build_documents
from .models import PendingIndexOperation

logger = logging.getLogger(__name__)

ENGINE = "opensearch"
REPLAY_INTERVAL = 30  # seconds between two automatic replays in one process
REPLAY_BATCH = 200
_state = {"down_until": 0.0, "last_replay": 0.0}
_lock = threading.Lock()


def retry_seconds() -> float:
    return float(getattr(settings, "OPENSEARCH_RETRY_SECONDS", 30))


def mark_down() -> None:
    _state["down_until"] = time.monotonic() + retry_seconds()


def mark_up() -> None:
    _state["down_until"] = 0.0


def known_down() -> bool:
    return time.monotonic() < _state["down_until"]


def reset_state() -> None:
    _state.update(down_until=0.0, last_replay=0.0)


def embedded_engine():
    from .engines.embedded import EmbeddedEngine

    return EmbeddedEngine()


def opensearch_engine():
    if not settings.OPENSEARCH_URL:
        return None
    from .engines.opensearch import get_engine

    return get_engine()


# --- the write path ----------------------------------------------------------------------


def after_commit(func) -> None:
    """OpenSearch is written once the edit is committed (tests run it at once)."""
    transaction.on_commit(func)


def index_pages(page_ids) -> None:
    """Bring the index entries of these practices in line with the database: live ones are
    (re)indexed, the others removed."""
    ids = {int(i) for i in page_ids if i is not None}
    if not ids:
        return
    docs = build_documents(ids)
    gone = ids - set(docs)
    embedded = embedded_engine()
    embedded.index_documents(list(docs.values()))
    embedded.delete(gone)
    if settings.OPENSEARCH_URL:
        after_commit(lambda: push_opensearch(list(docs.values()), gone))


def remove_pages(page_ids) -> None:
    ids = {int(i) for i in page_ids if i is not None}
    if not ids:
        return
    embedded_engine().delete(ids)
    if settings.OPENSEARCH_URL:
        after_commit(lambda: push_opensearch([], ids))


def push_opensearch(docs: list[dict], gone: set[int], replay: bool = True) -> bool:
    """Write to OpenSearch, or queue the practices if it cannot take them now."""
    engine = opensearch_engine()
    ids = {d["page_id"] for d in docs} | set(gone)
    if engine is None or not ids:
        return True
    if known_down():
        queue(ids, docs, "engine marked down")
        return False
    try:
        engine.index_documents(docs)
        engine.delete(gone)
    except Exception as exc:  # noqa: BLE001 — any engine failure must leave the edit intact
        logger.warning("search: OpenSearch write failed (%s); %d practice(s) queued", exc, len(ids))
        mark_down()
        queue(ids, docs, str(exc))
        return False
    mark_up()
    PendingIndexOperation.objects.filter(engine=ENGINE, page_id__in=ids).delete()
    if replay:
        maybe_replay(force_interval=True)
    return True


def queue(ids, docs: list[dict], error: str) -> None:
    indexed = {d["page_id"] for d in docs}
    for page_id in ids:
        action = PendingIndexOperation.Action.INDEX if page_id in indexed else PendingIndexOperation.Action.DELETE
        try:
            op, created = PendingIndexOperation.objects.get_or_create(
                engine=ENGINE, page_id=page_id, defaults={"action": action, "last_error": error[:1000]}
            )
            if not created:
                op.action = action
                op.attempts += 1
                op.last_error = error[:1000]
                op.save()
        except Exception:  # noqa: BLE001
            logger.exception("search: could not queue practice %s for reindexing", page_id)


def replay_pending(limit: int | None = None) -> tuple[int, int]:
    """Replay queued operations against OpenSearch, ignoring the down mark.
    Returns (replayed, still pending)."""
    engine = opensearch_engine()
    if engine is None:
        return 0, PendingIndexOperation.objects.filter(engine=ENGINE).count()
    started = timezone.now()
    qs = PendingIndexOperation.objects.filter(engine=ENGINE).order_by("updated_at")
    ops = list(qs[:limit] if limit else qs)
    done = 0
    for start in range(0, len(ops), REPLAY_BATCH):
        chunk = ops[start : start + REPLAY_BATCH]
        ids = {op.page_id for op in chunk}
        docs = build_documents(ids)
        gone = ids - set(docs)
        try:
            engine.index_documents(list(docs.values()))
            engine.delete(gone)
        except Exception as exc:  # noqa: BLE001
            logger.warning("search: replay failed (%s)", exc)
            mark_down()
            PendingIndexOperation.objects.filter(pk__in=[op.pk for op in chunk]).update(last_error=str(exc)[:1000])
            break
        mark_up()
        # an edit queued while we replayed keeps its row (its updated_at is newer)
        PendingIndexOperation.objects.filter(pk__in=[op.pk for op in chunk], updated_at__lte=started).delete()
        done += len(chunk)
    return done, PendingIndexOperation.objects.filter(engine=ENGINE).count()


def maybe_replay(force_interval: bool = False) -> None:
    """Cheap enough to call on every search: at most one look at the queue every
    REPLAY_INTERVAL seconds per process, and nothing while the engine is known down."""
    if not settings.OPENSEARCH_URL or known_down():
        return
    now = time.monotonic()
    if not force_interval and now - _state["last_replay"] < REPLAY_INTERVAL:
        return
    if not _lock.acquire(blocking=False):
        return
    try:
        _state["last_replay"] = now
        if PendingIndexOperation.objects.filter(engine=ENGINE).exists():
            replay_pending(limit=REPLAY_BATCH)
    except Exception:  # noqa: BLE001
        logger.exception("search: automatic replay failed")
    finally:
        _lock.release()


# --- signals -------------------------------------------------------------------------------


def _practice_ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


def _safe(func, *args):
    """Index maintenance must never turn an editor's action into an error."""
    try:
        func(*args)
    except Exception:  # noqa: BLE001
        logger.exception("search: index update failed")


def _labels_changed() -> None:
    from django.core.cache import cache

    from .engines.common import LABELS_CACHE_KEY

    cache.delete(LABELS_CACHE_KEY)


def _is_practice(instance) -> bool:
    from practices.models import PracticePage

    return isinstance(instance, PracticePage)


def connect() -> None:
    from wagtail.models import Page

    from communes.models import Commune, Department, Region
    from practices.models import Funder, PracticePage, Theme
    from practices.queries import featured_models

    @receiver(page_published, weak=False, dispatch_uid="search_page_published")
    def on_published(sender, instance, **kwargs):
        if _is_practice(instance):
            _safe(index_pages, [instance.pk])

    @receiver(page_unpublished, weak=False, dispatch_uid="search_page_unpublished")
    def on_unpublished(sender, instance, **kwargs):
        if _is_practice(instance):
            _safe(index_pages, [instance.pk])

    @receiver(post_delete, sender=PracticePage, weak=False, dispatch_uid="search_practice_deleted")
    def on_deleted(sender, instance, **kwargs):
        _safe(remove_pages, [instance.pk])

    @receiver(post_page_move, weak=False, dispatch_uid="search_page_moved")
    def on_moved(sender, instance, url_path_after=None, **kwargs):
        # a move changes the URL of the page and of every practice below it
        pages = PracticePage.objects.filter(url_path__startswith=url_path_after or instance.url_path)
        _safe(index_pages, _practice_ids(pages))

    @receiver(post_save, sender=Theme, weak=False, dispatch_uid="search_theme_saved")
    def on_theme_saved(sender, instance, created, **kwargs):
        _labels_changed()
        if not created:
            _safe(index_pages, _practice_ids(PracticePage.objects.filter(themes=instance)))

    @receiver(pre_delete, sender=Theme, weak=False, dispatch_uid="search_theme_deleted")
    def on_theme_deleted(sender, instance, **kwargs):
        _labels_changed()
        ids = _practice_ids(PracticePage.objects.filter(themes=instance))
        after_commit(lambda: _safe(index_pages, ids))

    @receiver(post_save, sender=Commune, weak=False, dispatch_uid="search_commune_saved")
    def on_commune_saved(sender, instance, created, **kwargs):
        if not created:
            _safe(index_pages, _practice_ids(PracticePage.objects.filter(commune=instance)))

    @receiver(post_save, sender=Department, weak=False, dispatch_uid="search_department_saved")
    def on_department_saved(sender, instance, created, **kwargs):
        _labels_changed()
        if not created:
            _safe(index_pages, _practice_ids(PracticePage.objects.filter(commune__department=instance)))

    @receiver(post_save, sender=Region, weak=False, dispatch_uid="search_region_saved")
    def on_region_saved(sender, instance, created, **kwargs):
        _labels_changed()
        if not created:
            _safe(index_pages, _practice_ids(PracticePage.objects.filter(commune__department__region=instance)))

    @receiver(post_save, sender=Funder, weak=False, dispatch_uid="search_funder_saved")
    def on_funder_saved(sender, instance, created, **kwargs):
        _labels_changed()
        if not created:
            _safe(index_pages, _practice_ids(PracticePage.objects.filter(fundings__funder=instance).distinct()))

    def on_featured_changed(sender, instance, **kwargs):
        # featured models are registered by apps above search (the home page): look them up
        # when a row is written rather than when the receivers connect
        if sender in featured_models() and instance.practice_id:
            after_commit(lambda: _safe(index_pages, [instance.practice_id]))

    post_save.connect(on_featured_changed, weak=False, dispatch_uid="search_featured_saved")
    post_delete.connect(on_featured_changed, weak=False, dispatch_uid="search_featured_deleted")

    del Page  # imported so that wagtail's page models are ready before receivers connect
