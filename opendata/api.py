"""The Wagtail API v2 at /api/v2/: the stock "pages" endpoint and a "pratiques" endpoint
for live public practices, filterable by theme, région, département and phase.

    /api/v2/pratiques/?thematique=sante&region=84&phase=realise
"""

from django.db.models import Prefetch
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from practices.models import Phase, PracticeFunding, PracticePage, Theme

LISTING_FIELDS = ["summary", "commune", "department", "region", "themes", "phase", "start_year", "budget"]


class PracticeFilter(BaseFilterBackend):
    """?thematique=<slug>, ?region=<code>, ?departement=<code>, ?phase=<value>; unknown values
    are a 400 with the list of valid ones, not a silently empty result."""

    def filter_queryset(self, request, queryset, view):
        params = request.GET
        if "thematique" in params:
            slugs = [s for s in params["thematique"].split(",") if s]
            known = set(Theme.objects.filter(slug__in=slugs).values_list("slug", flat=True))
            unknown = [s for s in slugs if s not in known]
            if unknown:
                raise BadRequestError(f"unknown theme(s): {', '.join(unknown)}")
            for slug in slugs:  # a practice must have every theme asked for
                queryset = queryset.filter(themes__slug=slug)
        if "region" in params:
            queryset = queryset.filter(commune__department__region__code=params["region"])
        if "departement" in params:
            queryset = queryset.filter(commune__department__code=params["departement"])
        if "phase" in params:
            if params["phase"] not in Phase.values:
                raise BadRequestError(f"unknown phase: {params['phase']} (one of {', '.join(Phase.values)})")
            queryset = queryset.filter(phase=params["phase"])
        return queryset.distinct() if "thematique" in params else queryset


class BlankSearchFilter(BaseFilterBackend):
    """Search parameters that crash Wagtail's database search backend (500s found by
    tests/hardening/test_fuzz.py) get a 400 instead: a blank ?search=, a NUL character, an
    unknown ?search_operator=."""

    def filter_queryset(self, request, queryset, view):
        params = request.GET
        if "search" in params and (not params["search"].strip() or "\x00" in params["search"]):
            raise BadRequestError("search must be non-blank text")
        if "search_operator" in params and params["search_operator"] not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        return queryset


class PublicPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [BlankSearchFilter, *PagesAPIViewSet.filter_backends]


class PracticesAPIViewSet(PagesAPIViewSet):
    name = "pratiques"
    model = PracticePage
    filter_backends = [BlankSearchFilter, PracticeFilter] + [
        backend for backend in PagesAPIViewSet.filter_backends if backend.__name__ != "FieldsFilter"
    ]
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
