"""The Wagtail API v2 at /api/v2/: the stock "pages" endpoint and a "pratiques" endpoint
for live public practices, filterable by theme, région, département and phase.

    /api/v2/pratiques/?thematique=sante&region=84&phase=realise&search=maison de santé

Both endpoints search through the site's engine (api_search.py) and answer a French 400 —
never a 500 — to a query string they refuse (api_filters.py for the bounds).
"""

import re

from django.db.models import Prefetch
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from practices.models import PracticeFunding, PracticePage, Theme

from .api_filters import PracticeFilterSet, Refused, check_bounds, validate_filters
from .api_search import EnginePagination, EngineSearchFilter

LISTING_FIELDS = ["summary", "commune", "department", "region", "themes", "phase", "start_year", "budget"]

# Wagtail's own 400 messages, in French for the readers of this API.
WAGTAIL_MESSAGES = [
    (r"query parameter is not an operation or a recognised field: (.*)", "Paramètre inconnu : {0}."),
    (r"unknown fields: (.*)", "Champ inconnu : {0}."),
    (r"offset must be a positive integer", "« offset » doit être un entier positif."),
    (r"limit must be a positive integer", "« limit » doit être un entier positif."),
    (r"limit cannot be higher than (\d+)", "« limit » ne peut pas dépasser {0}."),
    (r"cannot order by '(.*)' \(.*\)", "Tri impossible sur « {0} »."),
    (r"random ordering .*", "Le tri aléatoire ne se combine ni avec d'autres tris ni avec « offset »."),
    (r"(\w+) must be a positive integer", "« {0} » doit être un entier positif."),
    (r".*page doesn't exist", "La page indiquée n'existe pas."),
    (r"filtering by descendant_of with child_of is not supported", "« descendant_of » et « child_of » ne se combinent pas."),
    (r"field filter error\. .* for (\w+).*", "Valeur invalide pour « {0} »."),
    (r"'(.*)' does not support nested fields", "Le champ « {0} » n'a pas de sous-champs."),
    (r"fields error: .*", "Paramètre « fields » invalide."),
]


def french_message(error: BadRequestError) -> str:
    if isinstance(error, Refused):
        return str(error)
    text = str(error)
    for pattern, message in WAGTAIL_MESSAGES:
        match = re.fullmatch(pattern, text, flags=re.DOTALL)
        if match:
            return message.format(*(group[:200] for group in match.groups()))
    return "Requête invalide."


class BoundsFilter(BaseFilterBackend):
    """First backend: refuse an oversized query string before any query runs."""

    def filter_queryset(self, request, queryset, view):
        check_bounds(request)
        return queryset


class PracticeFilter(BaseFilterBackend):
    """?thematique= ?region= ?departement= ?phase=, validated (French 400 for an unknown value)
    and applied by django-filter."""

    def filter_queryset(self, request, queryset, view):
        validate_filters(request.GET)
        return PracticeFilterSet(request.GET, queryset=queryset).qs


class FrenchErrorsMixin:
    pagination_class = EnginePagination

    def handle_exception(self, exc):
        if isinstance(exc, BadRequestError):
            return Response({"message": french_message(exc)}, status=400)
        return super().handle_exception(exc)

    def check_query_parameters(self, queryset):
        check_bounds(self.request)  # before Wagtail lists the unknown ones
        super().check_query_parameters(queryset)


def _with_engine_search(backends):
    return [BoundsFilter, *(b for b in backends if b is not SearchFilter), EngineSearchFilter]


class PublicPagesAPIViewSet(FrenchErrorsMixin, PagesAPIViewSet):
    filter_backends = _with_engine_search(PagesAPIViewSet.filter_backends)


class PracticesAPIViewSet(FrenchErrorsMixin, PagesAPIViewSet):
    name = "pratiques"
    model = PracticePage
    engine_filters = True  # EngineSearchFilter passes thematique/region/... to the engine too
    filter_backends = _with_engine_search(
        [PracticeFilter, *(b for b in PagesAPIViewSet.filter_backends if b.__name__ != "FieldsFilter")]
    )
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["thematique", "region", "departement", "phase"]
    )
    listing_default_fields = PagesAPIViewSet.listing_default_fields + LISTING_FIELDS

    def get_queryset(self):
        return (
            PracticePage.objects.live()
            .public()
            .filter(pk__in=self.get_base_queryset().values("pk"))
            .select_related("commune__department__region")
            .prefetch_related(
                Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
                Prefetch("fundings", queryset=PracticeFunding.objects.select_related("funder").order_by("sort_order")),
                "tags",
            )
            .order_by("-first_published_at", "-pk")
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("pratiques", PracticesAPIViewSet)
