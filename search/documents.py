"""The search document: what both engines know about one live practice.

Built in bulk with a fixed number of queries whatever the number of practices, so that a
rebuild of 10,000 practices and the sync of one practice go through the same code.
"""

import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator

from django.db.models import TextField
from django.db.models.functions import Cast

from communes.models import SizeBand, size_band_for
from practices.models import Phase, PracticeFunding, PracticePage, Programme
from practices.models.sections import SECTION_FIELDS
from practices.queries import featured_ids, live_practices

TAG_RE = re.compile(r"<[^>]*>")
BLOCK_RE = re.compile(r"<(?:/p|br|/li|/h\d|/ul|/ol)\s*/?>", re.IGNORECASE)

PHASE_LABELS = {value: str(label) for value, label in Phase.choices}
PROGRAMME_LABELS = {value: str(label) for value, label in Programme.choices}
SIZE_BAND_LABELS = {value: str(label) for value, label in SizeBand.choices}


def rich_text_to_plain(value: str) -> str:
    if not value:
        return ""
    text = BLOCK_RE.sub("\n", str(value))
    # Wagtail's rich text is well-formed HTML: a regex drops its tags ten times faster than
    # wagtail.rich_text.get_text_for_indexing's parser (0.28 vs 2.96 ms on a 6 kB section,
    # measured 30 Nov 2026) and keeps the line breaks that extracts cut sentences on
    text = html.unescape(TAG_RE.sub("", text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


STREAM_TEXT_KEYS = ("value", "label", "text", "author", "role", "caption")
STREAM_FIELDS = ("key_figures", "testimony", "gallery")


def _stream_keys(field: str) -> dict[str, tuple[str, ...]]:
    """Block type → the text children of its struct that a document reads, in document order."""
    blocks = PracticePage._meta.get_field(field).stream_block.child_blocks
    return {name: tuple(k for k in STREAM_TEXT_KEYS if k in getattr(block, "child_blocks", {})) for name, block in blocks.items()}


STREAM_KEYS = {field: _stream_keys(field) for field in STREAM_FIELDS}


def stream_blocks(field: str, raw) -> list[dict]:
    """The blocks of a StreamField read from its stored JSON: the blocks Wagtail would load
    (types it still knows), without building Wagtail's block values — the text children
    read here are plain strings in both (CharBlock and TextBlock values are stored as is)."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw else []
        except ValueError:  # Wagtail shows unparsable stored text as an empty stream too
            raw = []
    keys = STREAM_KEYS[field]
    return [block for block in raw or [] if isinstance(block, dict) and block.get("type") in keys]


def _stream_text(field: str, blocks: list[dict]) -> list[str]:
    out = []
    for block in blocks:
        value = block.get("value")
        if not isinstance(value, dict):
            continue
        for key in STREAM_KEYS[field][block["type"]]:
            part = value.get(key)
            if part:
                out.append(str(part))
    return out


# The page's own columns a document reads, and those of its commune and the commune's
# department, region and EPCI (one LEFT JOIN each).
PAGE_COLUMNS = (
    "pk", "title", "url_path", "first_published_at", "summary", "partners", "programme", "phase",
    "start_year", "end_year", "staff_days", "months_to_deliver", "results_date", "image", *SECTION_FIELDS,
)
# StreamFields are read as their stored JSON (see stream_blocks): building Wagtail's block
# values took a third of the time of a document.
STREAM_COLUMNS = {f"{field}_json": Cast(field, output_field=TextField()) for field in STREAM_FIELDS}
PLACE_COLUMNS = {
    "commune__name": "commune", "commune__insee_code": "commune_insee", "commune__population": "population",
    "commune__department__code": "department", "commune__department__name": "department_name",
    "commune__department__region__code": "region", "commune__department__region__name": "region_name",
    "commune__epci__code": "epci",
}


class UrlResolver:
    """Page URLs without one query per page: the site root paths are read once."""

    def __init__(self):
        from wagtail.models import Site

        self.roots = sorted(Site.get_site_root_paths(), key=lambda r: -len(r.root_path))

    def __call__(self, url_path: str) -> str:
        for root in self.roots:
            if url_path.startswith(root.root_path):
                return url_path[len(root.root_path) - 1 :]
        return url_path


# What a complete write-up holds, and what each element adds to its completeness (sum 1.0).
COMPLETENESS = {"sections": 0.45, "results_date": 0.1, "key_figures": 0.15, "documents": 0.1, "images": 0.1, "length": 0.1}
FULL_LENGTH = 3000  # characters of body from which a write-up counts as long


def completeness(row: dict, streams: dict[str, list], sections: list[str], body: str, has_documents: bool) -> float:
    """How complete a write-up is, from 0 (a title and a chapô) to 1 (every section filled,
    results with a date, key figures, documents, images, a long body). The ranking uses it as
    a bounded prior: a detailed write-up outranks a thin one on the same subject."""
    parts = {
        "sections": sum(1 for text in sections if len(text) > 40) / len(sections),
        "results_date": 1.0 if row["results_date"] else 0.0,
        "key_figures": min(1.0, len(streams["key_figures"]) / 3),
        "documents": 1.0 if has_documents else 0.0,
        "images": 1.0 if row["image"] or streams["gallery"] else 0.0,
        "length": min(1.0, len(body) / FULL_LENGTH),
    }
    return round(sum(COMPLETENESS[k] * v for k, v in parts.items()), 3)


class Related:
    """What a chunk of practices has in the related tables: one values query per table
    (themes, tags, fundings, attachments) whatever the number of practices."""

    def __init__(self, ids: list[int]):
        from practices.models import PracticeAttachment, PracticeTag

        self.themes: dict[int, list[tuple[str, str]]] = {}
        through = PracticePage.themes.through
        for page_id, slug, name in (
            through.objects.filter(practicepage_id__in=ids)
            .order_by("practicepage_id", "theme__sort_order", "theme__name")
            .values_list("practicepage_id", "theme__slug", "theme__name")
        ):
            self.themes.setdefault(page_id, []).append((slug, name))
        self.tags: dict[int, set[str]] = {}
        for page_id, name in PracticeTag.objects.filter(content_object_id__in=ids).values_list("content_object_id", "tag__name"):
            self.tags.setdefault(page_id, set()).add(name)
        self.funders: dict[int, dict[str, str]] = {}
        for page_id, slug, name in (
            PracticeFunding.objects.filter(page_id__in=ids)
            .order_by("page_id", "sort_order", "pk")
            .values_list("page_id", "funder__slug", "funder__name")
        ):
            self.funders.setdefault(page_id, {}).setdefault(slug, name)  # first funding of a funder wins
        self.with_documents = set(PracticeAttachment.objects.filter(page_id__in=ids).values_list("page_id", flat=True))


def build_document(row: dict, related: Related, featured: set[int], resolve_url) -> dict:
    """The document of one practice, from its values row (PAGE_COLUMNS and PLACE_COLUMNS)
    and the related rows of its chunk."""
    page_id = row["pk"]
    themes = related.themes.get(page_id, [])
    funders = related.funders.get(page_id, {})
    streams = {field: stream_blocks(field, row[f"{field}_json"]) for field in STREAM_FIELDS}
    sections = [rich_text_to_plain(row[name]) for name in SECTION_FIELDS]
    extra = [row["partners"] or ""] + _stream_text("key_figures", streams["key_figures"])
    extra += _stream_text("testimony", streams["testimony"])
    body = "\n".join(part for part in sections + extra if part)
    published = row["first_published_at"]
    population = row["commune__population"]
    place = {key: row[column] or "" for column, key in PLACE_COLUMNS.items()}
    doc = {
        "page_id": page_id,
        "title": row["title"],
        "summary": row["summary"] or "",
        "body": body,
        "tags": sorted(related.tags.get(page_id, ())),
        "themes": [slug for slug, _ in themes],
        "theme_names": [name for _, name in themes],
        "commune": place["commune"],
        "commune_insee": place["commune_insee"],
        "epci": place["epci"],
        "department": place["department"],
        "department_name": place["department_name"],
        "region": place["region"],
        "region_name": place["region_name"],
        "population": population,
        "size_band": size_band_for(population) or "",
        "programme": row["programme"] or "",
        "phase": row["phase"] or "",
        "start_year": row["start_year"],
        "end_year": row["end_year"],
        "funders": list(funders),
        "funder_names": list(funders.values()),
        "staff_days": row["staff_days"],
        "months_to_deliver": row["months_to_deliver"],
        "featured": page_id in featured,
        "completeness": completeness(row, streams, sections, body, page_id in related.with_documents),
        "first_published_at": published.isoformat() if published else None,
        "url": resolve_url(row["url_path"]),
    }
    doc["doc_hash"] = document_hash(doc)
    return doc


def document_hash(doc: dict) -> str:
    data = {k: v for k, v in doc.items() if k != "doc_hash"}
    return hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


CHUNK_SIZE = 1000


def iter_documents(ids: Iterable[int] | None = None, chunk_size: int = CHUNK_SIZE) -> Iterator[dict]:
    """Documents of the live practices (all, or those among `ids`), in page id order.

    Streamed: the ids are read first (a list of integers), then each chunk costs five queries
    (pages with their places, themes, tags, fundings, attachments) and is dropped once its
    documents have been consumed, so memory stays flat whatever the number of practices."""
    featured = featured_ids()
    resolve_url = UrlResolver()
    live = live_practices()
    id_list = sorted(live.values_list("pk", flat=True)) if ids is None else sorted({int(i) for i in ids})
    for start in range(0, len(id_list), chunk_size):
        chunk = id_list[start : start + chunk_size]
        rows = live.filter(pk__in=chunk).order_by("pk").values(*PAGE_COLUMNS, *PLACE_COLUMNS, **STREAM_COLUMNS)
        related = Related(chunk)
        for row in rows:
            yield build_document(row, related, featured, resolve_url)


def build_documents(ids: Iterable[int]) -> dict[int, dict]:
    return {doc["page_id"]: doc for doc in iter_documents(ids)}


def facet_values(doc: dict) -> list[tuple[str, str]]:
    """(field, value) pairs of a document for every facet of the search page."""
    pairs = []
    for field in ("themes", "funders"):
        pairs += [(field, v) for v in doc.get(field) or []]
    for field in ("region", "department", "size_band", "programme", "phase"):
        if doc.get(field):
            pairs.append((field, str(doc[field])))
    if doc.get("start_year"):
        pairs.append(("start_year", str(doc["start_year"])))
    return pairs
