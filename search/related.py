"""Similar practices shown at the foot of a practice page: the engine picks the ids
(more_like_this on OpenSearch, shared terms and themes on the embedded engine), the database
supplies the cards in a fixed number of queries."""

import logging

from django.core.cache import cache

from practices.queries import live_practices, mark_featured, with_card_data

logger = logging.getLogger(__name__)

# The neighbours of a practice change only when practices are published; a few minutes of
# staleness spares the engine on every view (unpublished ones are filtered out below anyway).
CACHE_SECONDS = 300


def similar_ids(page, limit: int) -> list[int]:
    key = f"search:similar:{page.pk}:{limit}"
    ids = cache.get(key)
    if ids is None:
        from . import api

        ids = [pk for pk in api.similar(page, limit=limit) if pk != page.pk][:limit]
        cache.set(key, ids, CACHE_SECONDS)
    return ids


def similar_practices(page, limit: int = 3, featured: set[int] | None = None) -> list:
    try:
        ids = similar_ids(page, limit)
    except Exception:  # a practice page must render even when the engine cannot answer
        logger.exception("Similar practices unavailable for page %s", page.pk)
        return []
    if not ids:
        return []
    by_id = {practice.pk: practice for practice in with_card_data(live_practices().filter(pk__in=ids))}
    practices = [by_id[pk] for pk in ids if pk in by_id]
    return mark_featured(practices, featured)
