"""?search= on the API endpoints goes through the site's own search engine (search.api): the
same query analysis, bounds, typo tolerance and fallback as /recherche/, instead of Wagtail's
database backend (which answered 500 to a quote and took seconds for a long text).

The engine does the paging too: the API's offset and limit become the engine's page(s), so a
request costs what one page of /recherche/ costs, and meta.total_count is the engine's count.
The endpoint's other filters (child_of, type…) then apply to that page, in the engine's order.
"""

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.pagination import WagtailPagination

from search.api import search
from search.types import MAX_QUERY_LENGTH, SearchParams

from .api_filters import Refused, validate_filters


def _window(request) -> tuple[int, int]:
    """offset and limit as WagtailPagination reads them (it validates them again, with its messages)."""
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or 20
    try:
        offset = max(int(request.GET.get("offset", 0)), 0)
        limit = min(max(int(request.GET.get("limit", min(20, limit_max))), 0), limit_max)
    except ValueError:
        return 0, 0  # the paginator refuses it with a 400
    return offset, limit


class EngineSearchFilter(BaseFilterBackend):
    """Must come last: it orders the queryset by relevance."""

    def filter_queryset(self, request, queryset, view):
        params = request.GET
        if "search" not in params:
            return queryset
        if params.get("search_operator", "and") not in ("and", "or"):
            raise Refused("Le paramètre search_operator vaut « and » ou « or ».")
        # The engine bounds the text itself; cutting here first keeps a 10,000-character
        # parameter from being scanned character by character further down.
        text = " ".join(params["search"][: MAX_QUERY_LENGTH * 4].split())
        if not any(ch.isalnum() for ch in text):
            # Only quotes, operators or spaces: the engine would list every practice with all
            # its facets, the most expensive answer, for a query that asks nothing.
            raise Refused("Le paramètre search ne contient aucun mot : indiquez des mots à chercher.")
        filters = validate_filters(params) if getattr(view, "engine_filters", False) else {}
        offset, limit = _window(request)
        per_page = max(limit, 1)
        first = offset // per_page + 1
        skip = offset % per_page
        results = search(SearchParams(q=text, filters=filters, page=first, per_page=per_page))
        hits = list(results.hits)
        if skip and limit:
            hits += search(SearchParams(q=text, filters=filters, page=first + 1, per_page=per_page)).hits
        ids = [hit.page_id for hit in hits[skip: skip + limit]]
        request.engine_total = results.total
        if not ids:
            return queryset.none()
        rank = Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)), output_field=IntegerField())
        return queryset.filter(pk__in=ids).order_by(rank, "pk")


class EnginePagination(WagtailPagination):
    """The engine already cut the page: keep it, and its total. Without a search, the page's ids
    are cut first and their rows read after: sorting whole practice rows (every section of every
    write-up) to skip a deep offset took 150–200 ms on 10,000 practices, sorting ids a few."""

    def paginate_queryset(self, queryset, request, view=None):
        total = getattr(request, "engine_total", None)
        if total is None:
            ids = list(super().paginate_queryset(queryset.values_list("pk", flat=True), request, view))
            rows = {page.pk: page for page in queryset.filter(pk__in=ids)} if ids else {}
            return [rows[pk] for pk in ids if pk in rows]
        super().paginate_queryset(queryset.none(), request, view)  # the same checks of offset and limit
        self.total_count = total
        return queryset
