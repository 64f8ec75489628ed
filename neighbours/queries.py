"""Practices from communes like the reader's: ordered by the database (communes.similarity)."""

from communes.similarity import hints, similarity
from practices.queries import live_practices, mark_featured, with_card_data

HOME_COUNT = 6


def practices_like(reader, limit: int = HOME_COUNT) -> list:
    """The `limit` live practices whose commune is closest to `reader`, each with `.hints`."""
    queryset = (
        live_practices()
        .exclude(commune=None)
        .annotate(similarity=similarity(reader))
        .order_by("-similarity", "-first_published_at", "-pk")
    )
    practices = list(with_card_data(queryset)[:limit])
    for practice in practices:
        practice.hints = hints(reader, practice.commune)
    return mark_featured(practices)
