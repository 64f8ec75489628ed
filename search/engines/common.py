"""What both engines share: input clamping, facet labels and ordering, hits (extracts: search.extracts)."""

import math
from dataclasses import replace

from django.core.cache import cache

from communes.similarity import MAX_RATIO, WEIGHTS
from search import analysis
from search.documents import PHASE_LABELS, PROGRAMME_LABELS, SIZE_BAND_LABELS
from search.types import FACETS, MAX_QUERY_LENGTH, SORTS, FacetValue, Hit, SearchParams

FACET_FIELDS = tuple(FACETS.values())
MAX_VALUES_PER_FACET = 50
MAX_VALUE_LENGTH = 80
MAX_PER_PAGE = 100
MAX_PAGE = 500


def clamp(params: SearchParams) -> SearchParams:
    """Bound every input an engine receives, whatever the caller validated."""
    q = analysis.clean_query(params.q, MAX_QUERY_LENGTH)
    filters: dict[str, list[str]] = {}
    for field, values in (params.filters or {}).items():
        if field not in FACET_FIELDS:
            continue
        if isinstance(values, str):
            values = [values]
        cleaned = []
        for value in values or []:
            value = str(value).strip()[:MAX_VALUE_LENGTH]
            if value and value not in cleaned:
                cleaned.append(value)
        if cleaned:
            filters[field] = cleaned[:MAX_VALUES_PER_FACET]
    try:
        page = int(params.page)
    except (TypeError, ValueError):
        page = 1
    try:
        per_page = int(params.per_page)
    except (TypeError, ValueError):
        per_page = 20
    sort = params.sort if params.sort in SORTS else "pertinence"
    if sort == "proximite" and params.near is None:
        sort = "pertinence"  # no commune to be close to
    return replace(
        params,
        q=q,
        filters=filters,
        sort=sort,
        page=min(max(page, 1), MAX_PAGE),
        per_page=min(max(per_page, 1), MAX_PER_PAGE),
    )


# --- « Proches de ma commune » ---------------------------------------------------------------
# Both engines score a practice's commune as communes.similarity does (same weights): population
# closeness on a log scale, 1 for the same population, 0 from a ratio of MAX_RATIO on; then same
# EPCI, same département, same région.
NEAR_WEIGHTS = WEIGHTS
LOG_MAX_RATIO = math.log(MAX_RATIO)


def log_population(population: int | None) -> float | None:
    """ln(population) as stored in both indexes (None when unknown; 0 counts as 1 inhabitant)."""
    return math.log(max(int(population), 1)) if population is not None else None


# --- facets -----------------------------------------------------------------------------------

PHASE_ORDER = list(PHASE_LABELS)
SIZE_ORDER = list(SIZE_BAND_LABELS)


LABELS_CACHE_KEY = "search:facet_labels"
LABELS_CACHE_SECONDS = 60


def taxonomy_labels() -> dict:
    """Names of themes, funders, régions and départements (small tables), cached a minute
    so that a search costs no label query; the theme order comes with them."""
    labels = cache.get(LABELS_CACHE_KEY)
    if labels is None:
        from practices.models import Department, Funder, Region, Theme

        themes = list(Theme.objects.values_list("slug", "name"))
        labels = {
            "themes": dict(themes),
            "theme_order": {slug: i for i, (slug, _) in enumerate(themes)},
            "funders": dict(Funder.objects.values_list("slug", "name")),
            "region": dict(Region.objects.values_list("code", "name")),
            "department": {code: f"{name} ({code})" for code, name in Department.objects.values_list("code", "name")},
        }
        cache.set(LABELS_CACHE_KEY, labels, LABELS_CACHE_SECONDS)
    return labels


def facet_labels(values_by_field: dict[str, set[str]]) -> dict[str, dict[str, str]]:
    """Human labels of facet values."""
    labels = dict(taxonomy_labels())
    labels["size_band"] = SIZE_BAND_LABELS
    labels["programme"] = PROGRAMME_LABELS
    labels["phase"] = PHASE_LABELS
    labels["start_year"] = {v: v for v in values_by_field.get("start_year", ()) if v.isdigit() and len(v) == 4}
    return labels


def assemble_facets(counts: dict[str, dict[str, int]], filters: dict[str, list[str]]) -> dict:
    """FacetValue lists for every facet: counted values plus selected ones (even at zero, so
    that they can be unticked); values without a known label are left out."""
    wanted = {f: set(counts.get(f, {})) | set(filters.get(f, [])) for f in FACET_FIELDS}
    labels = facet_labels(wanted)
    themes_rank = labels["theme_order"] if wanted.get("themes") else {}
    out = {}
    for field in FACET_FIELDS:
        field_counts = counts.get(field, {})
        selected = set(filters.get(field, []))
        values = []
        for value in set(field_counts) | selected:
            label = labels.get(field, {}).get(value)
            if label is None:
                continue
            values.append(FacetValue(value=value, label=str(label), count=field_counts.get(value, 0), selected=value in selected))
        if field == "start_year":
            values.sort(key=lambda v: v.value, reverse=True)
        elif field == "phase":
            values.sort(key=lambda v: PHASE_ORDER.index(v.value))
        elif field == "size_band":
            values.sort(key=lambda v: SIZE_ORDER.index(v.value))
        elif field == "themes":
            values.sort(key=lambda v: (themes_rank.get(v.value, 999), v.label))
        elif field == "department":
            values.sort(key=lambda v: v.value)
        else:
            values.sort(key=lambda v: (-v.count, v.label))
        out[field] = values
    return out


# --- hits ---------------------------------------------------------------------


def hit_from_doc(doc: dict, highlight: str = "") -> Hit:
    return Hit(
        page_id=doc["page_id"],
        title=doc["title"],
        url=doc["url"],
        summary=doc["summary"],
        highlight=highlight,
        featured=bool(doc.get("featured")),
        commune=doc.get("commune", ""),
        department=doc.get("department_name", ""),
        region=doc.get("region_name", ""),
        themes=list(doc.get("theme_names") or []),
        phase=PHASE_LABELS.get(doc.get("phase") or "", ""),
        start_year=doc.get("start_year"),
    )
