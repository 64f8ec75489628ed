"""The search API: the only module the rest of the site imports from search/.

    search(SearchParams) -> SearchResults
    search_ids(SearchParams) -> [page ids]
    autocomplete(prefix, limit=8) -> [{"kind", "label", "url"}, ...]
    similar(page, limit=3) -> [page ids]
    reindex(page_ids)

OpenSearch answers when OPENSEARCH_URL is set; when it fails or times out, the embedded
engine answers instead with `degraded=True`. Engine failures never raise from here.
"""

import logging
from urllib.parse import urlencode

from django.core.cache import cache

from . import analysis, sync
from .engines.common import clamp
from .types import SearchParams, SearchResults

logger = logging.getLogger(__name__)
MAX_PREFIX_LENGTH = 100


def _answer(method: str, *args, fallback_flag: bool = False):
    """Ask OpenSearch when it is configured and not known down; on any failure mark it down and
    ask the embedded engine instead. The one place where the fallback rule lives."""
    engine = sync.opensearch_engine()
    if engine is not None and not sync.known_down():
        sync.maybe_replay()
        try:
            return getattr(engine, method)(*args)
        except Exception as exc:  # noqa: BLE001 — the page must answer, from the fallback
            logger.warning("search: OpenSearch %s failed (%s); answering from the embedded engine", method, exc)
            sync.mark_down()
    answer = getattr(sync.embedded_engine(), method)(*args)
    if fallback_flag and engine is not None:
        answer.degraded = True
    return answer


def search(params: SearchParams) -> SearchResults:
    return _answer("search", clamp(params), fallback_flag=True)


def search_ids(params: SearchParams) -> list[int]:
    """The ids of one page of results, in order, without facet counts, documents or extracts:
    for callers that only need which practices match (the alert digests)."""
    return _answer("search_ids", clamp(params))


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
    for theme in Theme.objects.all():
        if _matches_prefix(theme.name, words):
            out.append({"kind": "theme", "label": theme.name, "url": theme.get_absolute_url()})
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
    practices = _answer("autocomplete", prefix, limit)
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
    try:
        return _answer("similar", page_id, limit)
    except Exception:  # noqa: BLE001 — a practice page renders without its neighbours
        logger.exception("search: similar practices failed")
        return []


def reindex(page_ids) -> None:
    sync.index_pages(page_ids)
