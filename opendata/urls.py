"""The site's machine-readable outputs: robots.txt, sitemap.xml (Wagtail pages plus theme
pages), Atom feeds, the Wagtail API v2, and the open-data export with its documentation page."""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Max, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path, reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from practices.models import Theme

from . import export as opendata
from . import spreadsheet_views
from .api import api_router
from .feeds import LatestPracticesFeed, ThemePracticesFeed
from .map import map_page

EXPORT_CACHE_SECONDS = 300


class ThemeSitemap(DjangoSitemap):
    changefreq = "weekly"

    def items(self):
        return Theme.objects.annotate(
            last_publication=Max("practices__last_published_at", filter=Q(practices__live=True))
        ).order_by("sort_order", "name")

    def location(self, theme):
        return theme.get_absolute_url()

    def lastmod(self, theme):
        return theme.last_publication


class StaticViewSitemap(DjangoSitemap):
    def items(self):
        return ["opendata:index", "practice_map"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": WagtailSitemap, "themes": ThemeSitemap, "static": StaticViewSitemap}


def sitemap(request):
    return wagtail_sitemap(request, sitemaps=SITEMAPS)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /recherche/suggestions/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def opendata_index(request):
    return render(
        request,
        "opendata/index.html",
        {"schema": opendata.SCHEMA, "licence": opendata.LICENCE, "count": opendata.export_queryset().count()},
    )


@cache_page(EXPORT_CACHE_SECONDS)
def opendata_csv(request):
    response = HttpResponse(opendata.to_csv(opendata.records(base_url(request))), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pratiques.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@cache_page(EXPORT_CACHE_SECONDS)
def opendata_json(request):
    base = base_url(request)
    response = HttpResponse(opendata.to_json(opendata.records(base), base), content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


feed_patterns = (
    [
        path("flux/pratiques.xml", LatestPracticesFeed(), name="practices"),
        path("thematiques/<slug:slug>/flux.xml", ThemePracticesFeed(), name="theme"),
    ],
    "feeds",
)
opendata_patterns = (
    [
        path("", opendata_index, name="index"),
        path("pratiques.csv", opendata_csv, name="csv"),
        path("pratiques.json", opendata_json, name="json"),
        path("retours-experience.xlsx", spreadsheet_views.xlsx, name="xlsx"),
        path("retours-experience-tableur.csv", spreadsheet_views.spreadsheet_csv, name="spreadsheet_csv"),
    ],
    "opendata",
)

urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include(feed_patterns)),
    path("donnees/", include(opendata_patterns)),
    path("api/v2/", api_router.urls),
    path("carte/", map_page, name="practice_map"),
]
