"""Searches that found nothing, per day: what editors most need to see to write or promote.

Wagtail's search promotions count every query (Query / QueryDailyHits); this table counts, for
the same normalised query, the searches that returned no result, so the dashboard can rank
"most frequent searches with zero results". The search view calls record_zero_results(q).
"""

import logging
from datetime import timedelta

from django.db import models
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class ZeroResultSearch(models.Model):
    query = models.ForeignKey(
        "wagtailsearchpromotions.Query", verbose_name=_("recherche"), on_delete=models.CASCADE, related_name="zero_result_days"
    )
    date = models.DateField(_("jour"))
    hits = models.PositiveIntegerField(_("recherches sans résultat"), default=0)

    class Meta:
        db_table = "home_zeroresultsearch"  # created when the model lived in home/
        constraints = [models.UniqueConstraint(fields=["query", "date"], name="unique_zero_result_query_day")]
        verbose_name = _("recherche sans résultat")
        verbose_name_plural = _("recherches sans résultat")

    def __str__(self):
        return f"{self.query.query_string} ({self.date}: {self.hits})"


def record_zero_results(q: str) -> None:
    """Count one search for `q` that returned nothing. Never raises: statistics must not break search."""
    from wagtail.contrib.search_promotions.models import Query

    try:
        if not (q or "").strip():
            return
        query = Query.get(q)
        today = timezone.localdate()
        row, created = ZeroResultSearch.objects.get_or_create(query=query, date=today, defaults={"hits": 1})
        if not created:
            ZeroResultSearch.objects.filter(pk=row.pk).update(hits=F("hits") + 1)
    except Exception:
        logger.exception("Could not record a zero-result search")


def top_zero_result_searches(days: int = 30, limit: int = 10):
    """[(query string, searches without result)] over the last `days`, most frequent first."""
    since = timezone.localdate() - timedelta(days=days)
    rows = (
        ZeroResultSearch.objects.filter(date__gte=since)
        .values("query__query_string")
        .annotate(total=Sum("hits"))
        .order_by("-total", "query__query_string")[:limit]
    )
    return [(row["query__query_string"], row["total"]) for row in rows]
