"""Import practices from a file in the open-data export's schema (practices/opendata.py).

Every row is validated first and rejected with a message naming the row and the problem;
valid rows become DRAFTS under the practice index, for an editor to review and publish.
Re-importing a file updates the drafts it created (matched by the "id" column) instead of
duplicating them.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import bleach
from django.db import transaction
from django.utils.text import slugify

from practices.models import (
    Commune,
    Funder,
    Phase,
    PracticeFunding,
    PracticeIndexPage,
    PracticeOtherCommune,
    PracticePage,
    Programme,
    Theme,
)
from practices.models.pages import MAX_YEAR, MIN_YEAR

from .export import FORMULA_STARTS, FUNDING_SEPARATOR, LIST_SEPARATOR, SCHEMA, SECTION_COLUMNS
from .models import ImportedPractice

RICH_TEXT_TAGS = ["p", "b", "strong", "i", "em", "ol", "ul", "li", "a", "br"]
RICH_TEXT_ATTRIBUTES = {"a": ["href"]}
SUMMARY_MAX = PracticePage._meta.get_field("summary").max_length
TITLE_MAX = PracticePage._meta.get_field("title").max_length


def sanitize(html: str) -> str:
    """Contributor HTML goes through the site's sanitiser (bleach with the rich-text tags
    until practices.sanitize exists)."""
    try:
        from practices.sanitize import sanitize_rich_text
    except ImportError:
        return bleach.clean(html or "", tags=RICH_TEXT_TAGS, attributes=RICH_TEXT_ATTRIBUTES, strip=True)
    return sanitize_rich_text(html or "")


class RowError(ValueError):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.errors)


def read_rows(path: Path) -> list[dict]:
    """Rows as dicts of typed values, from a .json (export format or a bare list) or a .csv."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        rows = data.get("practices") if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise ValueError("the JSON file must hold a list of practices or an object with a 'practices' list")
        return rows
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        missing = {"id", "title"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"the CSV header lacks the required column(s): {', '.join(sorted(missing))}")
        return [csv_row(row) for row in reader]
    raise ValueError(f"unsupported file type '{path.suffix}': expected .csv or .json")


def csv_row(raw: dict) -> dict:
    row = {}
    for column in SCHEMA:
        if column.name not in raw:
            continue
        value = (raw[column.name] or "").strip()
        if value.startswith("'") and value[1:2].startswith(FORMULA_STARTS) and value[1:2]:
            value = value[1:]  # the export's guard against spreadsheet formulas (export.neutralise)
        if column.kind == "list":
            row[column.name] = [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
        elif column.kind == "fundings":
            items = []
            for part in filter(None, (p.strip() for p in value.split(LIST_SEPARATOR))):
                funder, _, amount = part.partition(FUNDING_SEPARATOR)
                items.append({"funder": funder.strip(), "amount": amount.strip() or None})
            row[column.name] = items
        elif column.kind in ("figures", "quote"):
            try:
                row[column.name] = json.loads(value) if value else None
            except json.JSONDecodeError:
                row[column.name] = ValueError(f"{column.name} is not valid JSON")
        else:
            row[column.name] = value or None
    return row


class Validator:
    """Turns one raw row into clean values, or raises RowError listing every problem."""

    def __init__(self, rows: list[dict]):
        codes = set()
        for row in rows:
            codes.add(str(row.get("commune_insee") or "").strip())
            codes.update(str(code).strip() for code in row.get("other_communes_insee") or [])
        self.communes = {
            c.insee_code: c
            for c in Commune.objects.filter(insee_code__in=codes, kind=Commune.Kind.CURRENT).select_related("department")
        }
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.funders = {f.slug: f for f in Funder.objects.all()}

    def clean(self, row: dict) -> dict:
        problems = []
        clean = {}

        def text(name, required=False, max_length=None):
            value = row.get(name)
            value = "" if value is None else str(value).strip()
            if required and not value:
                problems.append(f"'{name}' is required")
            if max_length and len(value) > max_length:
                problems.append(f"'{name}' is longer than {max_length} characters")
            clean[name] = value
            return value

        def integer(name, minimum=None, maximum=None):
            value = row.get(name)
            if value in (None, ""):
                clean[name] = None
                return None
            try:
                number = int(value)
                if isinstance(value, float) and value != number:
                    raise ValueError
            except (TypeError, ValueError):
                problems.append(f"'{name}' must be a whole number, not {value!r}")
                clean[name] = None
                return None
            if minimum is not None and number < minimum:
                problems.append(f"'{name}' must be at least {minimum}, not {number}")
            if maximum is not None and number > maximum:
                problems.append(f"'{name}' must be at most {maximum}, not {number}")
            clean[name] = number
            return number

        text("id", required=True, max_length=120)
        text("title", required=True, max_length=TITLE_MAX)
        text("slug", max_length=255)
        text("summary", max_length=SUMMARY_MAX)
        text("partners")
        for name in ("contact_name", "contact_role", "contact_organisation"):
            text(name, max_length=PracticePage._meta.get_field(name).max_length)

        insee = text("commune_insee", required=True)
        if insee and insee not in self.communes:
            problems.append(f"unknown commune INSEE code '{insee}'")
        clean["commune"] = self.communes.get(insee)
        others = []
        for code in row.get("other_communes_insee") or []:
            code = str(code).strip()
            if code not in self.communes:
                problems.append(f"unknown commune INSEE code '{code}' in other_communes_insee")
            else:
                others.append(self.communes[code])
        clean["other_communes"] = others

        programme = text("programme") or Programme.PVD
        if programme not in Programme.values:
            problems.append(f"unknown programme '{programme}' (expected one of {', '.join(Programme.values)})")
        clean["programme"] = programme
        phase = text("phase", required=True)
        if phase and phase not in Phase.values:
            problems.append(f"unknown phase '{phase}' (expected one of {', '.join(Phase.values)})")

        themes = [str(slug).strip() for slug in row.get("themes") or []]
        if not themes:
            problems.append("at least one theme is required")
        unknown = [slug for slug in themes if slug not in self.themes]
        if unknown:
            problems.append(f"unknown theme(s) {', '.join(repr(s) for s in unknown)}")
        clean["themes"] = [self.themes[slug] for slug in themes if slug in self.themes]
        clean["keywords"] = [str(k).strip()[:100] for k in row.get("keywords") or [] if str(k).strip()]

        start = integer("start_year", MIN_YEAR, MAX_YEAR)
        end = integer("end_year", MIN_YEAR, MAX_YEAR)
        if start and end and end < start:
            problems.append(f"end_year {end} is before start_year {start}")
        integer("budget", 0)
        integer("staff_days", 0)
        integer("months_to_deliver", 0, 600)

        fundings = []
        for item in row.get("funders") or []:
            slug = str((item or {}).get("funder") or "").strip()
            amount = (item or {}).get("amount")
            if slug not in self.funders:
                problems.append(f"unknown funder '{slug}'")
                continue
            try:
                amount = None if amount in (None, "") else int(amount)
            except (TypeError, ValueError):
                problems.append(f"the amount of funder '{slug}' must be a whole number, not {amount!r}")
                continue
            if amount is not None and amount < 0:
                problems.append(f"the amount of funder '{slug}' is negative ({amount})")
                continue
            fundings.append((self.funders[slug], amount))
        clean["fundings"] = fundings

        results_date = row.get("results_date")
        clean["results_date"] = None
        if results_date:
            try:
                clean["results_date"] = date.fromisoformat(str(results_date))
            except ValueError:
                problems.append(f"results_date must be a date like 2024-06-30, not {results_date!r}")

        for name in SECTION_COLUMNS:
            clean[name] = sanitize(str(row.get(name) or ""))

        figures = row.get("key_figures") or []
        if isinstance(figures, Exception) or not isinstance(figures, list):
            problems.append("key_figures must be a list of {value, label}")
            figures = []
        clean["key_figures"] = []
        for figure in figures:
            if not isinstance(figure, dict) or not figure.get("value") or not figure.get("label"):
                problems.append("each key figure needs a value and a label")
                continue
            clean["key_figures"].append(("figure", {"value": str(figure["value"])[:30], "label": str(figure["label"])[:120]}))
        quote = row.get("quote")
        clean["testimony"] = []
        if isinstance(quote, Exception) or (quote and not isinstance(quote, dict)):
            problems.append("quote must be an object {text, author, role}")
        elif quote:
            if not quote.get("text") or not quote.get("author"):
                problems.append("the quote needs a text and an author")
            else:
                clean["testimony"] = [
                    ("quote", {"text": str(quote["text"]), "author": str(quote["author"]), "role": str(quote.get("role") or "")})
                ]

        if problems:
            raise RowError("; ".join(problems))
        return clean


def apply(page: PracticePage, clean: dict) -> None:
    page.title = clean["title"]
    page.summary = clean["summary"]
    page.commune = clean["commune"]
    page.programme = clean["programme"]
    page.phase = clean["phase"]
    for name in ("start_year", "end_year", "budget", "staff_days", "months_to_deliver", "results_date", "partners"):
        setattr(page, name, clean[name])
    for column, model_field in SECTION_COLUMNS.items():
        setattr(page, model_field, clean[column])
    page.key_figures = clean["key_figures"]
    page.testimony = clean["testimony"]
    page.contact_name = clean["contact_name"]
    page.contact_role = clean["contact_role"]
    page.contact_organisation = clean["contact_organisation"]
    page.contact_public = bool(clean["contact_name"])
    page.themes = clean["themes"]
    page.other_communes = [PracticeOtherCommune(commune=c) for c in clean["other_communes"]]
    page.fundings = [PracticeFunding(funder=funder, amount=amount) for funder, amount in clean["fundings"]]


def unique_slug(index: PracticeIndexPage, wanted: str, page: PracticePage | None) -> str:
    base = slugify(wanted)[:240] or "retour-experience"
    siblings = index.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def import_row(index: PracticeIndexPage, clean: dict, source: str = "", owner=None) -> bool:
    """Create or update the draft for one clean row; True when it was created."""
    link = ImportedPractice.objects.select_related("page").filter(external_id=clean["id"]).first()
    created = link is None
    if created:
        page = PracticePage(owner=owner, live=False)
    else:
        page = link.page.specific.get_latest_revision_as_object()
    apply(page, clean)
    page.slug = unique_slug(index, clean["slug"] or clean["title"], None if created else page)
    page.tags.clear()
    page.tags.add(*clean["keywords"])
    if created:
        index.add_child(instance=page)
    page.save_revision(user=owner, log_action=True, clean=False)
    if created:
        link = ImportedPractice(page=page, external_id=clean["id"])
    link.source = source[:255]
    link.save()
    return created


def import_rows(rows: list[dict], source: str = "", owner=None, progress=None, dry_run=False) -> ImportReport:
    """Validate every row and create or update a draft for each valid one (none when dry_run)."""
    index = PracticeIndexPage.objects.first()
    if index is None:
        raise ValueError("there is no practice index page to import under: run seed_demo or create it first")
    report = ImportReport()
    validator = Validator(rows)
    seen = set()
    for number, row in enumerate(progress(rows) if progress else rows, start=1):
        label = f"row {number}" + (f" ({row.get('id')})" if isinstance(row, dict) and row.get("id") else "")
        try:
            if not isinstance(row, dict):
                raise RowError("a row must be an object")
            clean = validator.clean(row)
            if clean["id"] in seen:
                raise RowError(f"the id '{clean['id']}' appears twice in the file")
            seen.add(clean["id"])
            if dry_run:
                exists = ImportedPractice.objects.filter(external_id=clean["id"]).exists()
                report.updated += exists
                report.created += not exists
            elif import_row(index, clean, source, owner):
                report.created += 1
            else:
                report.updated += 1
        except RowError as error:
            report.errors.append(f"{label}: {error}")
    return report
