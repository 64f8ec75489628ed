"""« Statistiques de recherche »: what readers searched for and what found nothing, for the ANCT
editors (Wagtail's report view: a sortable table, filters, CSV and Excel export)."""

from datetime import timedelta

import django_filters
from django.db.models import Max, Min, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query
from wagtail.permission_policies import ModelPermissionPolicy

from .stats import SearchStat

PERIODS = [("7", _("7 derniers jours")), ("30", _("30 derniers jours")), ("365", _("12 derniers mois"))]


class SearchStatFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Période"), choices=PERIODS, method="filter_period", empty_label=_("30 derniers jours")
    )
    zero_only = django_filters.BooleanFilter(label=_("Seulement les recherches sans résultat"), method="filter_zero_only")

    class Meta:
        model = SearchStat
        fields = []

    def filter_period(self, queryset, name, value):
        return queryset  # applied before aggregation (SearchStatisticsView.get_queryset)

    def filter_zero_only(self, queryset, name, value):
        return queryset.filter(zero_results__gt=0) if value else queryset


class SearchStatisticsView(ReportView):
    page_title = _("Statistiques de recherche")
    header_icon = "search"
    index_url_name = "ppi_search_statistics"
    index_results_url_name = "ppi_search_statistics_results"
    filterset_class = SearchStatFilterSet
    permission_policy = ModelPermissionPolicy(Query)
    permission_required = "view"
    columns = [
        Column("label", label=_("Recherche")),
        Column("searches", label=_("Recherches")),
        Column("zero_results", label=_("Sans résultat")),
        Column("last_day", label=_("Dernière fois")),
    ]
    list_export = ["label", "searches", "zero_results", "last_day"]
    export_headings = {
        "label": _("Recherche"), "searches": _("Recherches"), "zero_results": _("Sans résultat"), "last_day": _("Dernière fois"),
    }

    def get_filename(self):
        return f"statistiques-recherche-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        period = self.request.GET.get("period")
        days = int(period) if period in dict(PERIODS) else 30
        since = timezone.localdate() - timedelta(days=days)
        return (
            SearchStat.objects.filter(date__gte=since)
            .values("key")
            .annotate(label=Min("label"), searches=Sum("searches"), zero_results=Sum("zero_results"), last_day=Max("date"))
            .order_by("-searches", "key")
        )
