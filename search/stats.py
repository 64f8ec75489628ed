"""What readers search for, per day and per normalised query: the editors' statistics.

Variants of one query are one row ("Médecins", "medecin " and "les médecins" share the key
"medecin"): the key is the query's content words, accent-folded and stemmed, in their order.
The label is the first way a reader typed it, for display. Junk (no letter, control characters,
over 100 characters) is not recorded, and one address counts at most RATE_LIMIT searches an hour,
so nobody can fill the editors' screens. Writing is one UPDATE in the common case (an INSERT the
first time a query is seen on a day): no read-modify-write on the search page's path.
"""

import logging
import re
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import analysis

logger = logging.getLogger(__name__)

MAX_RECORDED_LENGTH = 100
RATE_LIMIT = 60  # recorded searches per address and hour
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
LETTER = re.compile(r"[^\W\d_]")


class SearchStat(models.Model):
    key = models.CharField(_("recherche (forme normalisée)"), max_length=200)
    label = models.CharField(_("recherche"), max_length=MAX_RECORDED_LENGTH)
    date = models.DateField(_("jour"))
    searches = models.PositiveIntegerField(_("recherches"), default=0)
    zero_results = models.PositiveIntegerField(_("recherches sans résultat"), default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "date"], name="unique_search_stat_key_day")]
        indexes = [models.Index(fields=["date", "key"])]
        verbose_name = _("statistique de recherche")
        verbose_name_plural = _("statistiques de recherche")

    def __str__(self):
        return f"{self.label} ({self.date}: {self.searches})"


def query_key(q: str) -> str:
    """The normalised form shared by a query's variants (also what promotions are matched on)."""
    return " ".join(analysis.analyze(q or ""))[:200]


def is_recordable(q: str) -> bool:
    q = (q or "").strip()
    return bool(q) and len(q) <= MAX_RECORDED_LENGTH and not CONTROL.search(q) and bool(LETTER.search(q))


def _within_rate(address: str) -> bool:
    if not address:
        return True
    key = f"search:stats:rate:{address}"
    # incr first: one cache round trip in the common case (the address searched this hour)
    try:
        return cache.incr(key) <= RATE_LIMIT
    except ValueError:  # its first search this hour, or the hour just ended
        if cache.add(key, 1, 3600):
            return True
    try:
        return cache.incr(key) <= RATE_LIMIT  # another request created it first
    except ValueError:
        return True


def record_search(q: str, found: bool, address: str = "") -> None:
    """Count one search (and whether it found nothing). Never raises: statistics must not
    break search."""
    try:
        if not is_recordable(q) or not _within_rate(address):
            return
        key = query_key(q)
        if not key:
            return
        today = timezone.localdate()
        increments = {"searches": F("searches") + 1, "zero_results": F("zero_results") + (0 if found else 1)}
        with transaction.atomic():  # a failed write must not poison the request's transaction
            if SearchStat.objects.filter(key=key, date=today).update(**increments):
                return
            try:
                with transaction.atomic():
                    SearchStat.objects.create(
                        key=key, label=" ".join(q.split()).lower(), date=today, searches=1, zero_results=0 if found else 1
                    )
            except IntegrityError:  # another request created today's row first
                SearchStat.objects.filter(key=key, date=today).update(**increments)
    except Exception:
        logger.exception("Could not record a search")


def _totals(days: int):
    since = timezone.localdate() - timedelta(days=days)
    return (
        SearchStat.objects.filter(date__gte=since)
        .values("key")
        .annotate(label=models.Min("label"), searches=Sum("searches"), zero_results=Sum("zero_results"))
    )


def top_searches(days: int = 30, limit: int = 50) -> list[dict]:
    return list(_totals(days).order_by("-searches", "key")[:limit])


def top_zero_result_searches(days: int = 30, limit: int = 10) -> list[dict]:
    """Queries that found nothing at least once, most frequent failures first."""
    return list(_totals(days).filter(zero_results__gt=0).order_by("-zero_results", "key")[:limit])
