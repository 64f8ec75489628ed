"""Live write-ups per theme, as the home page's theme tiles and the search page's « Explorer une
thématique » (after a search that found nothing) show them.

Counting them joins every theme link to its page row: 31–34 ms at 10,000 practices, growing
with the base, on every uncached home page and every empty search (issue 15). They change only
when a write-up is published, unpublished, moved or deleted, or a theme is edited: the same
events that bump search.signals' generation, under which they are cached."""

from django.core.cache import cache
from django.db.models import Count

from practices.models import PracticePage, Theme

from .signals import generation

# Old generations' keys are never read again: let them expire.
CACHE_SECONDS = 24 * 3600


def live_counts() -> dict[int, int]:
    """theme id → number of live write-ups tagged with it (themes without any are left out)."""
    key = f"search:theme-counts:{generation()}"
    counts = cache.get(key)
    if counts is None:
        rows = (
            PracticePage.themes.through.objects.filter(practicepage__live=True)
            .values_list("theme_id")
            .annotate(n=Count("*"))
            .order_by()
        )
        counts = dict(rows)
        cache.set(key, counts, CACHE_SECONDS)
    return counts


def with_counts(themes) -> list[Theme]:
    """These themes, each with `practice_count` set."""
    counts = live_counts()
    themes = list(themes)
    for theme in themes:
        theme.practice_count = counts.get(theme.pk, 0)
    return themes


def popular(limit: int) -> list[Theme]:
    """The themes with the most live write-ups (ties in the editors' order), none empty."""
    themes = [theme for theme in with_counts(Theme.objects.order_by("sort_order", "name")) if theme.practice_count]
    return sorted(themes, key=lambda theme: -theme.practice_count)[:limit]
