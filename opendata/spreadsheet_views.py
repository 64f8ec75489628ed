"""Downloads for spreadsheets (opendata/spreadsheet.py), whole or following a search."""

from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_safe

from . import spreadsheet

EXPORT_CACHE_SECONDS = 300
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _filename(request, extension: str) -> str:
    suffix = "-recherche" if spreadsheet.has_search(request.GET) else ""
    return f"retours-experience{suffix}-{timezone.localdate():%Y-%m-%d}.{extension}"


def _attachment(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@cache_page(EXPORT_CACHE_SECONDS)
def xlsx(request):
    practices = spreadsheet.matching_practices(request.GET)
    body = spreadsheet.to_xlsx(practices, _base_url(request))
    return _attachment(HttpResponse(body, content_type=XLSX_TYPE), _filename(request, "xlsx"))


@require_safe
@cache_page(EXPORT_CACHE_SECONDS)
def spreadsheet_csv(request):
    practices = spreadsheet.matching_practices(request.GET)
    body = spreadsheet.to_spreadsheet_csv(practices, _base_url(request))
    return _attachment(HttpResponse(body, content_type="text/csv; charset=utf-8"), _filename(request, "csv"))
