"""The search API: the only module the rest of the site imports from search/.

    search(SearchParams) -> SearchResults
    autocomplete(prefix, limit=8) -> [{"kind", "label", "url"}, ...]
    similar(page, limit=3) -> [page ids]
    index_practice(page), remove_practice(page_id), reindex(page_ids)

OpenSearch answers when OPENSEARCH_URL is set; when it fails or times out, the embedded
engine answers instead with `degraded=True`. Engine failures never raise from here.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache

from . import analysis, sync
from .engines.common import clamp
from .types import SearchParams, SearchResults

logger = logging.getLogger(__name__)
MAX_PREFIX_LENGTH = 100


def _embedded():
    return sync.embedded_engine()


def _opensearch():
    return sync.opensearch_engine()


def search(params: SearchParams) -> SearchResults:
    params = clamp(params)
    engine = _opensearch()
    if engine is not None:
        if not sync.known_down():
            sync.maybe_replay()
            try:
                return engine.search(params)
            except Exception as exc:  # noqa: BLE001 — the page must answer, from the fallback
                logger.warning("search: OpenSearch query failed (%s); answering from the embedded engine", exc)
                sync.mark_down()
        results = _embedded().search(params)
        results.degraded = True
        return results
    return _embedded().search(params)


def _matches_prefix(name: str, words: list[str]) -> bool:
    """Every typed word starts a word of the name, the last one as a prefix ("mob" → Mobilité)."""
    name_words = analysis.words(name)
    for i, word in enumerate(words):
        last = i == len(words) - 1
        if not any(w.startswith(word) if last else w == word or w.startswith(word) for w in name_words):
            return False
    return True


def _theme_suggestions(words: list[str]) -> list[dict]:
    from practices.models import Theme

    out = []
    for name, slug in Theme.objects.values_list("name", "slug"):
        if _matches_prefix(name, words):
            out.append({"kind": "theme", "label": name, "url": f"/thematiques/{slug}/"})
    return out


def _commune_names() -> list[str]:
    names = cache.get("search:commune_names")
    if names is None:
        from practices.models import Commune

        names = sorted(set(Commune.objects.filter(practices__live=True).values_list("name", flat=True)))
        cache.set("search:commune_names", names, 60)
    return names


def _commune_suggestions(words: list[str], limit: int) -> list[dict]:
    out = []
    for name in _commune_names():
        if _matches_prefix(name, words):
            out.append({"kind": "commune", "label": name, "url": "/recherche/?" + urlencode({"q": name})})
            if len(out) >= limit:
                break
    return out


def autocomplete(prefix: str, limit: int = 8) -> list[dict]:
    """Themes, practices and communes whose names start with the typed words, accents and
    case ignored on both sides."""
    prefix = analysis.clean_query(prefix, MAX_PREFIX_LENGTH)
    words = analysis.words(prefix)
    try:
        limit = max(1, min(int(limit), 20))
    except (TypeError, ValueError):
        limit = 8
    if not words or len(prefix) < 2:
        return []
    themes = _theme_suggestions(words)[:limit]
    practices = []
    engine = _opensearch()
    if engine is not None and not sync.known_down():
        try:
            practices = engine.autocomplete(prefix, limit)
        except Exception as exc:  # noqa: BLE001
            logger.warning("search: OpenSearch autocomplete failed (%s)", exc)
            sync.mark_down()
            practices = _embedded().autocomplete(prefix, limit)
    else:
        practices = _embedded().autocomplete(prefix, limit)
    communes = _commune_suggestions(words, limit)
    out = themes + practices[: max(limit - len(themes) - min(2, len(communes)), 2)]
    out += communes[: max(limit - len(out), 0)]
    return [{k: v for k, v in item.items() if k in ("kind", "label", "url")} for item in out[:limit]]


def similar(page, limit: int = 3) -> list[int]:
    """Ids of live practices close to this one (more_like_this on OpenSearch)."""
    page_id = getattr(page, "pk", page)
    try:
        limit = max(1, min(int(limit), 12))
    except (TypeError, ValueError):
        limit = 3
    engine = _opensearch()
    if engine is not None and not sync.known_down():
        try:
            return engine.similar(page_id, limit)
        except Exception as exc:  # noqa: BLE001
            logger.warning("search: OpenSearch more_like_this failed (%s)", exc)
            sync.mark_down()
    try:
        return _embedded().similar(page_id, limit)
    except Exception:  # noqa: BLE001
        logger.exception("search: similar practices failed")
        return []


def index_practice(page) -> None:
    sync.index_pages([getattr(page, "pk", page)])


def remove_practice(page_id: int) -> None:
    sync.remove_pages([page_id])


def reindex(page_ids) -> None:
    sync.index_pages(page_ids)


def engine_name() -> str:
    return "opensearch" if settings.OPENSEARCH_URL else "embedded"
