"""What a practice page shows at its foot: the author's other write-ups and similar ones.

The engine picks the similar ids (more_like_this on OpenSearch, shared terms and themes on the
embedded engine). Both lists of ids are computed once per publication — cached under the
generation of search/signals.py, which publishing, unpublishing, moving or deleting a write-up
bumps — and the cards of both lists come from the database in one batch (a fixed number of
queries), with the "À la une" marks from the cached featured ids."""

import logging
from dataclasses import dataclass, field

from django.core.cache import cache

from practices.queries import featured_ids, live_practices, mark_featured, with_card_data

from .signals import generation

logger = logging.getLogger(__name__)

# Old generations' keys are never read again: let them expire.
CACHE_SECONDS = 24 * 3600


@dataclass
class Related:
    author: list = field(default_factory=list)
    similar: list = field(default_factory=list)


def _similar_ids(page, limit: int) -> list[int] | None:
    from . import api

    try:
        return [pk for pk in api.similar(page, limit=limit) if pk != page.pk][:limit]
    except Exception:  # a practice page must render even when the engine cannot answer
        logger.exception("Similar practices unavailable for page %s", page.pk)
        return None


def related_ids(page, limit: int) -> tuple[list[int], list[int]]:
    if not page.pk:
        return [], []  # the preview of a page never saved: nothing of its own to look up
    key = f"search:related:{generation()}:{page.pk}:{limit}"
    ids = cache.get(key)
    if ids is None:
        author = []
        if page.owner_id:
            author = list(
                live_practices().filter(owner_id=page.owner_id).exclude(pk=page.pk).values_list("pk", flat=True)[:limit]
            )
        similar = _similar_ids(page, limit)
        if similar is None:
            return author, []  # not cached: the engine is asked again on the next view
        ids = (author, similar)
        cache.set(key, ids, CACHE_SECONDS)
    return ids


def related_practices(page, limit: int = 3) -> Related:
    author_ids, similar_ids = related_ids(page, limit)
    wanted = set(author_ids) | set(similar_ids)
    if not wanted:
        return Related()
    cards = {practice.pk: practice for practice in with_card_data(live_practices().filter(pk__in=wanted))}
    featured = featured_ids()
    mark_featured(cards.values(), featured)
    return Related(
        author=[cards[pk] for pk in author_ids if pk in cards],
        similar=[cards[pk] for pk in similar_ids if pk in cards],
    )
