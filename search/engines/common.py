"""What both engines share: input clamping, facet labels and ordering, extracts."""

import re
from dataclasses import replace

from django.utils.html import escape

from search import analysis
from search.documents import PHASE_LABELS, PROGRAMME_LABELS, SIZE_BAND_LABELS
from search.types import FACETS, MAX_QUERY_LENGTH, SORTS, FacetValue, Hit, SearchParams

FACET_FIELDS = tuple(FACETS.values())
MAX_VALUES_PER_FACET = 50
MAX_VALUE_LENGTH = 80
MAX_PER_PAGE = 100
MAX_PAGE = 500
EXTRACT_LENGTH = 240
TOKEN_RE = re.compile(r"\w+", re.UNICODE)
SENTENCE_RE = re.compile(r"(?<=[.!?…])\s+|\n+")


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
    return replace(
        params,
        q=q,
        filters=filters,
        sort=sort,
        page=min(max(page, 1), MAX_PAGE),
        per_page=min(max(per_page, 1), MAX_PER_PAGE),
    )


# --- facets -----------------------------------------------------------------------------------

PHASE_ORDER = list(PHASE_LABELS)
SIZE_ORDER = list(SIZE_BAND_LABELS)


def facet_labels(values_by_field: dict[str, set[str]]) -> dict[str, dict[str, str]]:
    """Human labels of facet values, read from the taxonomies (a few small queries)."""
    from practices.models import Department, Funder, Region, Theme

    labels: dict[str, dict[str, str]] = {}
    wanted = {f: {v for v in vs if v} for f, vs in values_by_field.items()}
    if wanted.get("themes"):
        labels["themes"] = dict(Theme.objects.filter(slug__in=wanted["themes"]).values_list("slug", "name"))
    if wanted.get("funders"):
        labels["funders"] = dict(Funder.objects.filter(slug__in=wanted["funders"]).values_list("slug", "name"))
    if wanted.get("region"):
        labels["region"] = dict(Region.objects.filter(code__in=wanted["region"]).values_list("code", "name"))
    if wanted.get("department"):
        labels["department"] = {
            code: f"{name} ({code})"
            for code, name in Department.objects.filter(code__in=wanted["department"]).values_list("code", "name")
        }
    labels["size_band"] = SIZE_BAND_LABELS
    labels["programme"] = PROGRAMME_LABELS
    labels["phase"] = PHASE_LABELS
    labels["start_year"] = {v: v for v in wanted.get("start_year", ()) if v.isdigit() and len(v) == 4}
    return labels


def theme_order() -> dict[str, int]:
    from practices.models import Theme

    return {slug: i for i, slug in enumerate(Theme.objects.values_list("slug", flat=True))}


def assemble_facets(counts: dict[str, dict[str, int]], filters: dict[str, list[str]]) -> dict:
    """FacetValue lists for every facet: counted values plus selected ones (even at zero, so
    that they can be unticked); values without a known label are left out."""
    wanted = {f: set(counts.get(f, {})) | set(filters.get(f, [])) for f in FACET_FIELDS}
    labels = facet_labels(wanted)
    themes_rank = theme_order() if wanted.get("themes") else {}
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


# --- hits and extracts ---------------------------------------------------------------------


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


def query_stems(parts: list[analysis.QueryPart]) -> set[str]:
    stems = set()
    for part in parts:
        for alt in part.stemmed:
            stems.update(alt)
    return stems


def _marked(text: str, stems: set[str]) -> tuple[str, int]:
    out, last, n = [], 0, 0
    for m in TOKEN_RE.finditer(text):
        word = m.group(0)
        folded = analysis.fold(word)
        if folded not in analysis.STOP_WORDS and analysis.stem(folded) in stems:
            out.append(escape(text[last : m.start()]))
            out.append(f"<mark>{escape(word)}</mark>")
            last = m.end()
            n += 1
    out.append(escape(text[last:]))
    return "".join(out), n


def extract(doc: dict, stems: set[str], length: int = EXTRACT_LENGTH) -> str:
    """The passage of the write-up that best matches the query, escaped, matches in <mark>."""
    if not stems:
        return ""
    best, best_score = None, 0
    for sentence in SENTENCE_RE.split(doc.get("body") or ""):
        sentence = sentence.strip()
        if not sentence:
            continue
        found = {analysis.stem(w) for w in analysis.terms(sentence)} & stems
        if len(found) > best_score:
            best, best_score = sentence, len(found)
            if best_score == len(stems):
                break
    if best is None:
        summary = doc.get("summary") or ""
        marked, n = _marked(summary, stems)
        return marked if n else ""
    if len(best) > length:
        # keep the window that starts a little before the first match
        first = None
        for m in TOKEN_RE.finditer(best):
            if analysis.stem(analysis.fold(m.group(0))) in stems:
                first = m.start()
                break
        start = max(0, (first or 0) - 60)
        if start:
            start = best.find(" ", start) + 1
        piece = best[start : start + length]
        cut = piece.rfind(" ")
        if start + length < len(best) and cut > length // 2:
            piece = piece[:cut]
        prefix = "… " if start else ""
        suffix = " …" if start + len(piece) < len(best) else ""
        marked, _ = _marked(piece, stems)
        return f"{prefix}{marked}{suffix}"
    marked, _ = _marked(best, stems)
    return marked
