"""The site's machine-readable outputs: robots.txt, sitemap.xml (Wagtail pages and their
routes), Atom feeds, the Wagtail API v2, and the open-data export with its documentation page."""

import hashlib

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path, reverse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from . import export as opendata
from . import spreadsheet_views
from .api import api_router
from .feeds import LatestPracticesFeed, ThemePracticesFeed
from .map import map_page

EXPORT_CACHE_SECONDS = 300


class StaticViewSitemap(DjangoSitemap):
    def items(self):
        return ["opendata:index", "practice_map"]

    def location(self, name):
        return reverse(name)


# Theme pages and the site plan are routes of Wagtail pages: WagtailSitemap lists them.
SITEMAPS = {"pages": WagtailSitemap, "static": StaticViewSitemap}


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


def export_text(request, fmt: str) -> str:
    """The export, built once per content version and host; the query string plays no part, so
    /donnees/pratiques.json?anything neither rebuilds it nor adds a cache entry."""
    base = base_url(request)
    key = "opendata:" + hashlib.sha256(f"{fmt}|{base}|{opendata.content_version()}".encode()).hexdigest()
    text = cache.get(key)
    if text is None:
        rows = opendata.records(base)
        text = opendata.to_csv(rows) if fmt == "csv" else opendata.to_json(rows, base)
        cache.set(key, text, EXPORT_CACHE_SECONDS)
    return text


@require_GET
def opendata_csv(request):
    response = HttpResponse(export_text(request, "csv"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pratiques.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def opendata_json(request):
    response = HttpResponse(export_text(request, "json"), content_type="application/json; charset=utf-8")
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
