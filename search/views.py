"""The public search page and its autocomplete endpoint. Everything engine-specific stays
behind search.api; this module turns URL parameters into SearchParams and SearchResults into
what the template shows (facet groups, active filters, links that keep the state)."""

import html
import logging
import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from communes.reader import reader_commune
from core.http import client_ip
from practices.listing import with_page_links

from . import theme_counts
from .documents import build_documents
from .engines.common import hit_from_doc, log_population
from .forms import FACET_LABELS, SORT_LABELS, SearchForm, clean_query_text
from .promotions import promotions_for
from .stats import record_search
from .types import FACETS, FacetValue, Hit, Near, SearchResults

logger = logging.getLogger(__name__)

AUTOCOMPLETE_MIN_LENGTH = 2
AUTOCOMPLETE_MAX_LENGTH = 60
AUTOCOMPLETE_LIMIT = 8
KIND_LABELS = {
    "practice": "Retour d'expérience",
    "theme": "Thématique",
    "commune": "Commune",
    "region": "Région",
    "department": "Département",
}
# Facet groups open by default (the others start folded unless one of their values is ticked).
OPEN_FACETS = ("thematique", "region", "taille")

_MARK_SPLIT = re.compile(r"(</?mark>)")
# what html.escape writes (quote=True, as search.extracts escapes)
ESCAPES = ("&amp;", "&lt;", "&gt;", "&quot;", "&#x27;")


def _text_escaped(part: str) -> str:
    """html.escape(html.unescape(part), quote=False). A part as html.escape wrote it (no bare
    < > " ', every & one of its entities) is its own text with quotes unescaped: found by a few
    counts, where unescaping scanned every entity (each hit's extract has some)."""
    if (
        "<" not in part and ">" not in part and '"' not in part and "'" not in part
        and part.count("&") == sum(map(part.count, ESCAPES))
    ):
        return part.replace("&quot;", '"').replace("&#x27;", "'")
    return html.escape(html.unescape(part), quote=False)


def safe_highlight(fragment: str) -> str:
    """Engines promise escaped text with <mark> tags; enforce it so that a bug in an engine can
    never put markup from a practice (or a query) on the page."""
    parts = []
    for part in _MARK_SPLIT.split(fragment or ""):
        if part in ("<mark>", "</mark>"):
            parts.append(part)
        else:
            parts.append(_text_escaped(part))
    return mark_safe("".join(parts))


def query_string(state: dict[str, list[str]], **changes) -> str:
    """The URL query for `state` (param -> values) with some params replaced; empty ones dropped."""
    merged = {**state, **changes}
    pairs = []
    for key, values in merged.items():
        if values in (None, "", []):
            continue
        for value in values if isinstance(values, list) else [values]:
            pairs.append((key, value))
    return urlencode(pairs)


def promoted_hits(q: str) -> list[Hit]:
    """Editors' picks for this query, as hits shown before the engine's results. A practice is
    built as the engines build it (its search document), so the card reads the same."""
    picks = promotions_for(q)
    docs = build_documents([pick.page_id for pick in picks if pick.page_id]) if picks else {}
    hits = []
    for pick in picks:
        if pick.page_id in docs:
            hit = hit_from_doc(docs[pick.page_id])
            hit.summary = pick.description or hit.summary
        elif pick.page_id:  # another page of the site (a content page), if readers may see it
            page = pick.page
            if not page.live or page.get_view_restrictions().exists():
                continue
            hit = Hit(page_id=page.pk, title=page.title, url=page.url or "", summary=pick.description)
        elif pick.external_link_url:
            hit = Hit(page_id=0, title=pick.external_link_text or pick.external_link_url, url=pick.external_link_url,
                      summary=pick.description)
        else:
            continue
        hit.promoted = True
        hits.append(hit)
    return hits


def facet_groups(form: SearchForm, results: SearchResults) -> list[dict]:
    selected = form.selected()
    groups = []
    for key, field in FACETS.items():
        values = list(results.facets.get(field) or [])
        seen = {value.value for value in values}
        for value in values:
            value.selected = value.selected or value.value in selected[key]
        # A ticked value the engine did not count (no match left) must stay visible to be unticked.
        for missing in selected[key]:
            if missing not in seen:
                values.append(FacetValue(value=missing, label=missing, count=0, selected=True))
        if not values:
            continue
        groups.append(
            {
                "key": key,
                "label": FACET_LABELS[key],
                "values": values,
                "open": key in OPEN_FACETS or bool(selected[key]),
                "selected_count": len(selected[key]),
            }
        )
    return groups


def active_filters(form: SearchForm, groups: list[dict], state) -> list[dict]:
    labels = {(group["key"], value.value): value.label for group in groups for value in group["values"]}
    active = []
    for key, values in form.selected().items():
        for value in values:
            remaining = [v for v in values if v != value]
            active.append(
                {
                    "group": FACET_LABELS[key],
                    "label": labels.get((key, value), value),
                    "url": "?" + query_string(state, **{key: remaining}),
                }
            )
    return active


def results_page(results: SearchResults):
    """A Django page over the result count, for django-dsfr's pagination component."""
    return with_page_links(Paginator(range(results.total), results.per_page).get_page(results.page))


def reader_near(commune) -> Near | None:
    """The reader's commune as the plain values the engines score against (or None)."""
    if commune is None:
        return None
    return Near(
        log_population=log_population(commune.population) if commune.population else None,
        epci=commune.epci.code if commune.epci_id else "",
        department=commune.department.code,
        region=commune.department.region.code,
    )


def my_commune_url(state: dict, sort: str = "proximite") -> str:
    """/ma-commune/, coming back to this search sorted by proximity once a commune is chosen."""
    back = reverse("search:search") + "?" + query_string({**state, "tri": sort})
    return reverse("neighbours:my_commune") + "?" + urlencode({"next": back})


def run_search(params) -> SearchResults:
    # Imported here: if an engine cannot even load, this page answers 503, the rest of the site is untouched.
    from . import api

    results = api.search(params)
    if results.total and params.page > results.num_pages:
        # A shared link to a page that no longer exists: show the last one instead of nothing.
        params.page = results.num_pages
        results = api.search(params)
    return results


@require_safe
def search(request):
    form = SearchForm(request.GET)
    form.is_valid()  # always valid: bad values are corrected and listed in form.notices
    params = form.search_params()
    data = form.cleaned_data
    state = {"q": params.q, **{key: data[key] for key in FACETS}}
    reader = reader_commune(request)
    params.near = reader_near(reader)
    set_commune_url = None
    if params.sort == "proximite" and reader is None:
        # nothing to be close to: relevance order, and a way to state one's commune
        params.sort = "pertinence"
        set_commune_url = my_commune_url(state)
    if params.sort != "pertinence":
        state["tri"] = params.sort

    try:
        results = run_search(params)
    except Exception:
        logger.exception("Search failed for %r", params)
        return render(
            request,
            "search/search.html",
            {"form": form, "q": params.q, "unavailable": True, "notices": form.notices, "facets": FACETS},
            status=503,
        )

    promoted = promoted_hits(params.q) if params.q and data["page"] == 1 else []
    # Paging through results is not a new search; a HEAD (link checkers) is not a reader.
    if params.q and data["page"] == 1 and request.method == "GET":
        record_search(params.q, found=bool(results.total or promoted), address=client_ip(request))
    hits = list(results.hits)
    # The count is what the reader can page through: an editor's pick that the engine did not
    # find on this page is one more.
    total = results.total
    if promoted:
        promoted_ids = {hit.page_id for hit in promoted if hit.page_id}
        found_ids = {hit.page_id for hit in hits}
        total += sum(1 for hit in promoted if hit.page_id not in found_ids)
        hits = promoted + [hit for hit in hits if hit.page_id not in promoted_ids]
    for hit in hits:
        hit.highlight = safe_highlight(hit.highlight) if hit.highlight else ""

    groups = facet_groups(form, results)
    filters = active_filters(form, groups, state)
    context = {
        "form": form,
        "q": params.q,
        "sort": params.sort,
        "sort_choices": list(SORT_LABELS.items()),
        "reader_commune": reader,
        "proximity_notice_url": set_commune_url,
        "my_commune_url": my_commune_url({k: v for k, v in state.items() if k != "tri"}),
        "results": results,
        "total": total,
        "hits": hits,
        "promoted_count": len(promoted),
        "facet_groups": groups,
        "active_filters": filters,
        "clear_filters_url": "?" + query_string({"q": params.q}) if filters else None,
        "page_obj": results_page(results),
        "notices": form.notices,
        "suggestion_url": (
            "?" + query_string(state, q=results.suggestion) if results.suggestion else None
        ),
        "has_criteria": bool(params.q or filters),
    }
    if not total:
        context["popular_themes"] = [
            {"name": theme.name, "url": "?" + query_string({"thematique": [theme.slug]})}
            for theme in theme_counts.popular(6)
        ]
        context["search_all_url"] = "?" + query_string({"q": params.q}) if filters and params.q else None
    return render(request, "search/search.html", context)


@require_safe
def suggestions(request):
    """JSON for the autocomplete widget: {"results": [{kind, kind_label, label, url}]}."""
    prefix = clean_query_text(request.GET.get("q", ""))[0][:AUTOCOMPLETE_MAX_LENGTH].strip()
    items = []
    if len(prefix) >= AUTOCOMPLETE_MIN_LENGTH:
        try:
            from . import api

            items = api.autocomplete(prefix, limit=AUTOCOMPLETE_LIMIT)
        except Exception:
            logger.exception("Autocomplete failed for %r", prefix)
            items = []
    results = [
        {
            "kind": str(item.get("kind", "")),
            "kind_label": KIND_LABELS.get(str(item.get("kind", "")), ""),
            "label": str(item.get("label", "")),
            "url": str(item.get("url", "")),
        }
        for item in items[:AUTOCOMPLETE_LIMIT]
        if item.get("label") and item.get("url")
    ]
    response = JsonResponse({"results": results})
    patch_cache_control(response, public=True, max_age=60)
    return response
