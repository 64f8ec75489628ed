"""?search= on the API endpoints goes through the site's own search engine (search.api): the
same query analysis, bounds, typo tolerance and fallback as /recherche/, instead of Wagtail's
database backend (which answered 500 to a quote and took seconds for a long text).

The engine gives the MAX_SEARCH_HITS most relevant practices; the endpoint's other filters
and pagination then apply to them, in the engine's order.
"""

from django.db.models import Case, IntegerField, Value, When
from rest_framework.filters import BaseFilterBackend

from search.api import search
from search.types import MAX_QUERY_LENGTH, SearchParams

from .api_filters import Refused, validate_filters

MAX_SEARCH_HITS = 100


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
        if not text.replace("\x00", "").strip():
            raise Refused("Le paramètre search est vide : indiquez des mots à chercher.")
        filters = validate_filters(params) if getattr(view, "engine_filters", False) else {}
        results = search(SearchParams(q=text, filters=filters, per_page=MAX_SEARCH_HITS))
        ids = [hit.page_id for hit in results.hits]
        if not ids:
            return queryset.none()
        rank = Case(*(When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)), output_field=IntegerField())
        return queryset.filter(pk__in=ids).order_by(rank, "pk")
