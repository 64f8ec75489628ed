"""What a practice page shows at its foot: the author's other write-ups and similar ones.

The engine picks the similar ids (more_like_this on OpenSearch, shared terms and themes on the
embedded engine); the cards of both lists come from the database in one batch (a fixed number
of queries). Both grids are rendered once per publication: cached under the generation of
search/signals.py, which publishing, unpublishing, moving or deleting a write-up, and editing
what cards show beside it (themes, images, "À la une"), bumps."""

import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from practices.queries import featured_ids, live_practices, mark_featured, with_card_data

from .signals import generation

logger = logging.getLogger(__name__)

# Old generations' keys are never read again: let them expire.
CACHE_SECONDS = 24 * 3600
GRID = "includes/practice_grid.html"


@dataclass
class Related:
    author: str = ""  # the rendered grids of cards, empty when there is nothing to show
    similar: str = ""


def _similar_ids(page, limit: int) -> list[int] | None:
    from . import api

    try:
        return [pk for pk in api.similar(page, limit=limit) if pk != page.pk][:limit]
    except Exception:  # a practice page must render even when the engine cannot answer
        logger.exception("Similar practices unavailable for page %s", page.pk)
        return None


def _author_ids(page, limit: int) -> list[int]:
    if not page.owner_id:
        return []
    return list(live_practices().filter(owner_id=page.owner_id).exclude(pk=page.pk).values_list("pk", flat=True)[:limit])


def _grid(practices: list) -> str:
    return render_to_string(GRID, {"practices": practices}) if practices else ""


def related_practices(page, limit: int = 3) -> Related:
    if not page.pk:
        return Related()  # the preview of a page never saved: nothing of its own to look up
    key = f"search:related:{generation()}:{page.pk}:{limit}"
    cached = cache.get(key)
    if cached is not None:
        return Related(*(mark_safe(html) for html in cached))  # noqa: S308  rendered here from escaped templates
    author_ids, similar_ids = _author_ids(page, limit), _similar_ids(page, limit)
    wanted = set(author_ids) | set(similar_ids or [])
    cards = {}
    if wanted:
        cards = {practice.pk: practice for practice in with_card_data(live_practices().filter(pk__in=wanted))}
        mark_featured(cards.values(), featured_ids())
    related = Related(
        author=_grid([cards[pk] for pk in author_ids if pk in cards]),
        similar=_grid([cards[pk] for pk in similar_ids or [] if pk in cards]),
    )
    if similar_ids is not None:  # an engine failure is not remembered: asked again next view
        cache.set(key, (str(related.author), str(related.similar)), CACHE_SECONDS)
    return related
