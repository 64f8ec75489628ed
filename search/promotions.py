"""Editors' search promotions (Wagtail's search_promotions), matched on the normalised query:
a promotion made for "médecin" answers "Médecins", "medecin" and "les médecins" too."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from .stats import query_key

CACHE_KEY = "search:promotion-keys"


def promoted_query_ids() -> dict[str, list[int]]:
    """{normalised key: ids of the promoted queries with that key}, cached until a promotion
    changes."""
    keys = cache.get(CACHE_KEY)
    if keys is None:
        keys = {}
        promoted = Query.objects.filter(editors_picks__isnull=False).distinct().values_list("pk", "query_string")
        for pk, query_string in promoted:
            keys.setdefault(query_key(query_string), []).append(pk)
        cache.set(CACHE_KEY, keys, 24 * 3600)
    return keys


def promotions_for(q: str) -> list[SearchPromotion]:
    ids = promoted_query_ids().get(query_key(q))
    if not ids:
        return []
    return list(SearchPromotion.objects.filter(query_id__in=ids).select_related("page").order_by("query_id", "sort_order"))


def forget_promotions(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(forget_promotions, sender=SearchPromotion, dispatch_uid=f"search-promotions-{signal}")
