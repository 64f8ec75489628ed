"""Import practices from a file in the open-data export's schema (opendata/export.py).

Two passes over the file, read row by row (import_reading.py, bounded memory):

1. every row is validated — its shape, then the rules a write-up must meet to be published
   (practices.validation, the admin's own rules) — and each bad row gets a French message
   naming the row and every problem; nothing is written;
2. unless a row was refused (or with partial=True), the valid rows become DRAFTS under the
   practice index, for an editor to review and publish, in one transaction: a failure
   half-way leaves no page behind. A dry run is pass 1 alone, so it agrees with the import.

Re-importing a file updates the drafts it created (matched by the "id" column).
"""

import math
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from practices.bulk import references_indexed_once
from practices.models import (
    Funder,
    Phase,
    PracticeFunding,
    PracticeIndexPage,
    PracticeOtherCommune,
    PracticePage,
    Programme,
    Theme,
)
from practices.sanitize import sanitize_rich_text
from practices.validation import publish_errors

from .export import SECTION_COLUMNS
from .import_communes import CommuneResolver
from .import_reading import ImportFileError, InvalidCell, iter_rows
from .models import ImportedPractice

MAX_ERRORS_KEPT = 1000      # the report lists the first ones and counts the rest
MAX_HTML_LENGTH = 100_000   # one section of a write-up
MAX_TEXT_LENGTH = 10_000    # partners and other plain text without a model limit
MAX_LIST_ITEMS = 200        # themes, keywords, other communes, funders, key figures
MAX_AMOUNT = 100_000_000_000  # euros: larger than any town's project
MAX_STAFF_DAYS = 100_000
KEYWORD_MAX = 100
FIGURE_VALUE_MAX, FIGURE_LABEL_MAX = 30, 120
SINGLE_LINE = ("id", "title", "slug", "commune_insee", "programme", "phase", "contact_name", "contact_role",
               "contact_organisation")
# Control characters: refused everywhere, except tab and line breaks in multi-line text (in
# single-line fields they become spaces: a title that wraps in the source file is still a title).
LINE_BREAKS = "\t\r\n"


def sanitize(html: str) -> str:
    return sanitize_rich_text(html or "")


class RowError(ValueError):
    pass


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)
    written: bool = False

    def refuse(self, message: str) -> None:
        self.rejected += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(message)


def _control_characters(value: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in LINE_BREAKS for ch in value)


class Validator:
    """Turns one raw row into clean values, or raises RowError listing every problem."""

    def __init__(self):
        self.communes = CommuneResolver()
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.funders = {f.slug: f for f in Funder.objects.all()}

    # --- shapes -------------------------------------------------------------------------------

    def text(self, row, name, problems, max_length=MAX_TEXT_LENGTH) -> str:
        value = row.get(name)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or (
            isinstance(value, float) and not math.isfinite(value)
        ):
            problems.append(f"« {name} » doit être un texte, pas {_kind(value)}")
            return ""
        value = str(value)
        if _control_characters(value):
            problems.append(f"« {name} » contient un caractère de contrôle (caractère nul ou autre)")
            return ""
        if name in SINGLE_LINE:
            value = " ".join(value.split())
        value = value.strip()
        if len(value) > max_length:
            problems.append(f"« {name} » dépasse {max_length} caractères ({len(value)})")
            return ""
        return value

    def integer(self, row, name, problems, minimum=0, maximum=MAX_AMOUNT):
        value = row.get(name)
        if value is None or value == "":
            return None
        number = _whole_number(value)
        if number is None:
            problems.append(f"« {name} » doit être un nombre entier, pas {_show(value)}")
            return None
        if not minimum <= number <= maximum:
            problems.append(f"« {name} » doit être compris entre {minimum} et {maximum}, pas {number}")
            return None
        return number

    def strings(self, row, name, problems) -> list[str]:
        """A list of short texts: a JSON list, or a ";"-separated text as in the CSV."""
        value = row.get(name)
        if value is None or value == "":
            return []
        if isinstance(value, str):
            value = value.split(";")
        if not isinstance(value, list):
            problems.append(f"« {name} » doit être une liste, pas {_kind(value)}")
            return []
        if len(value) > MAX_LIST_ITEMS:
            problems.append(f"« {name} » a trop d'éléments ({len(value)} ; {MAX_LIST_ITEMS} au plus)")
            return []
        out = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, (str, int)):
                problems.append(f"chaque élément de « {name} » doit être un texte, pas {_kind(item)}")
                return []
            item = " ".join(str(item).split())
            if _control_characters(item):
                problems.append(f"« {name} » contient un caractère de contrôle")
                return []
            if item and item not in out:
                out.append(item)
        return out

    # --- the row ------------------------------------------------------------------------------

    def clean(self, row) -> dict:
        if not isinstance(row, dict):
            raise RowError(f"une ligne doit être un objet {{…}}, pas {_kind(row)}")
        problems = []
        clean = {}
        invalid = [cell.message for cell in row.values() if isinstance(cell, InvalidCell)]
        problems += invalid
        row = {k: (None if isinstance(v, InvalidCell) else v) for k, v in row.items()}

        clean["id"] = self.text(row, "id", problems, 120)
        if not clean["id"] and "« id »" not in " ".join(problems):
            problems.append("« id » est obligatoire")
        clean["title"] = self.text(row, "title", problems, 255)
        clean["slug"] = self.text(row, "slug", problems, 255)
        clean["summary"] = self.text(row, "summary", problems)
        clean["partners"] = self.text(row, "partners", problems)
        for name in ("contact_name", "contact_role", "contact_organisation"):
            clean[name] = self.text(row, name, problems, 500)

        code = self.text(row, "commune_insee", problems, 20)
        commune, delegated_name, commune_problem = self.communes.resolve(code, self.text(row, "commune_name", [], 200))
        if code and commune_problem:
            problems.append(commune_problem)
        clean["commune"] = commune
        clean["other_communes"] = []
        for other in self.strings(row, "other_communes_insee", problems):
            found, _, problem = self.communes.resolve(other)
            if problem:
                problems.append(f"{problem} (autres communes)")
            elif found != commune and found not in clean["other_communes"]:
                clean["other_communes"].append(found)

        clean["programme"] = self.text(row, "programme", problems, 40) or Programme.PVD
        if clean["programme"] not in Programme.values:
            problems.append(f"programme inconnu « {clean['programme'][:40]} » (valeurs possibles : {', '.join(Programme.values)})")
        clean["phase"] = self.text(row, "phase", problems, 40)
        if clean["phase"] and clean["phase"] not in Phase.values:
            problems.append(f"phase inconnue « {clean['phase'][:40]} » (valeurs possibles : {', '.join(Phase.values)})")
            clean["phase"] = ""

        slugs = self.strings(row, "themes", problems)
        unknown = [slug for slug in slugs if slug not in self.themes]
        if unknown:
            problems.append(f"thématique(s) inconnue(s) : {', '.join(repr(s[:40]) for s in unknown[:10])}")
        clean["themes"] = [self.themes[slug] for slug in slugs if slug in self.themes]
        keywords = [k[:KEYWORD_MAX] for k in self.strings(row, "keywords", problems)]
        if delegated_name and delegated_name not in keywords:
            keywords.append(delegated_name[:KEYWORD_MAX])  # the town's former name stays searchable
        clean["keywords"] = keywords

        clean["start_year"] = self.integer(row, "start_year", problems, 0, 9999)
        clean["end_year"] = self.integer(row, "end_year", problems, 0, 9999)
        clean["budget"] = self.integer(row, "budget", problems)
        clean["staff_days"] = self.integer(row, "staff_days", problems, 0, MAX_STAFF_DAYS)
        clean["months_to_deliver"] = self.integer(row, "months_to_deliver", problems, 0, 600)
        clean["fundings"] = self.fundings(row, problems)
        clean["results_date"] = self.results_date(row, problems)

        for name in SECTION_COLUMNS:
            html = self.text(row, name, problems, MAX_HTML_LENGTH)
            clean[name] = sanitize(html) if html else ""
        clean["key_figures"] = self.key_figures(row, problems)
        clean["testimony"] = self.quote(row, problems)
        if not clean["summary"]:
            clean["summary"] = derived_summary(clean)

        if not problems:
            page = PracticePage()
            apply(page, clean)
            problems += publish_errors(page, len(clean["themes"]))
        if problems:
            raise RowError(" ; ".join(problems))
        return clean

    def fundings(self, row, problems):
        items = row.get("funders")
        if items in (None, ""):
            return []
        if not isinstance(items, list):
            problems.append(f"« funders » doit être une liste d'objets {{funder, amount}}, pas {_kind(items)}")
            return []
        if len(items) > MAX_LIST_ITEMS:
            problems.append(f"« funders » a trop d'éléments ({len(items)})")
            return []
        fundings = []
        for item in items:
            if not isinstance(item, dict):
                problems.append(f"chaque financeur doit être un objet {{funder, amount}}, pas {_kind(item)}")
                continue
            slug = item.get("funder")
            slug = slug.strip() if isinstance(slug, str) else slug
            if not isinstance(slug, str) or slug not in self.funders:
                problems.append(f"financeur inconnu {_show(slug)}")
                continue
            amount = item.get("amount")
            if amount not in (None, ""):
                amount = _whole_number(amount)
                if amount is None or not 0 <= amount <= MAX_AMOUNT:
                    problems.append(f"le montant du financeur « {slug} » doit être un nombre entier entre 0 et {MAX_AMOUNT}, pas {_show(item.get('amount'))}")
                    continue
            else:
                amount = None
            fundings.append((self.funders[slug], amount))
        return fundings

    def results_date(self, row, problems):
        value = row.get("results_date")
        if value in (None, ""):
            return None
        try:
            if not isinstance(value, str):
                raise ValueError
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            problems.append(f"« results_date » doit être une date comme 2024-06-30, pas {_show(value)}")
            return None

    def key_figures(self, row, problems):
        figures = row.get("key_figures")
        if figures in (None, ""):
            return []
        if not isinstance(figures, list) or len(figures) > MAX_LIST_ITEMS:
            problems.append("« key_figures » doit être une liste d'objets {value, label}")
            return []
        out = []
        for figure in figures:
            if not isinstance(figure, dict):
                problems.append(f"chaque chiffre clé doit être un objet {{value, label}}, pas {_kind(figure)}")
                continue
            value = self.text(figure, "value", problems, 10_000)
            label = self.text(figure, "label", problems, 10_000)
            if not value or not label:
                problems.append("chaque chiffre clé a besoin d'une valeur (value) et d'un libellé (label)")
                continue
            # Cut as before: a long label from a source document is still a figure.
            out.append(("figure", {"value": value[:FIGURE_VALUE_MAX], "label": label[:FIGURE_LABEL_MAX]}))
        return out

    def quote(self, row, problems):
        quote = row.get("quote")
        if quote in (None, "", {}):
            return []
        if not isinstance(quote, dict):
            problems.append(f"« quote » doit être un objet {{text, author, role}}, pas {_kind(quote)}")
            return []
        parts = {name: self.text(quote, name, problems, 10_000) for name in ("text", "author", "role")}
        if not parts["text"] or not parts["author"]:
            problems.append("le témoignage (quote) a besoin d'un texte et d'un auteur")
            return []
        return [("quote", parts)]


def _kind(value) -> str:
    if value is None:
        return "null"
    return {bool: "un booléen", int: "un nombre", float: "un nombre", str: "un texte", list: "une liste",
            dict: "un objet"}.get(type(value), type(value).__name__)


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _whole_number(value):
    """An int from 12, 12.0 or "12"; None for anything else (bools, 12.5, NaN, Infinity, "1e30")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value.strip()) <= 20:
        return int(value.strip())
    return None


def derived_summary(clean: dict) -> str:
    """A write-up without a chapô gets the start of its text, cut at a word (400 characters)."""
    import re

    for name in ("context", "actions", "objectives", "results"):
        text = " ".join(re.sub(r"<[^>]+>", " ", clean.get(name) or "").split())
        if text:
            if len(text) <= 400:
                return text
            return text[:399].rsplit(" ", 1)[0] + "…"
    return ""


def apply(page: PracticePage, clean: dict) -> None:
    page.title = clean["title"]
    page.summary = clean["summary"]
    page.commune_id = clean["commune"].pk if clean["commune"] else None
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
    page.other_communes = [PracticeOtherCommune(commune_id=c.pk) for c in clean["other_communes"]]
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


def _label(number: int, row) -> str:
    label = f"ligne {number}"
    if isinstance(row, dict) and isinstance(row.get("id"), (str, int)) and not isinstance(row.get("id"), bool):
        label += f" ({str(row['id'])[:60]})"
    return label


def _validated(rows, validator, report, progress):
    """(number, clean row or None) for every row; refused rows are counted in the report."""
    seen = set()
    for number, row in enumerate(progress(rows) if progress else rows, start=1):
        report.rows = number
        try:
            clean = validator.clean(row)
            if clean["id"] in seen:
                raise RowError(f"l'identifiant « {clean['id']} » apparaît deux fois dans le fichier")
            seen.add(clean["id"])
        except RowError as error:
            report.refuse(f"{_label(number, row)} : {error}")
            yield number, None
            continue
        yield number, clean


def import_file(path: Path, source: str = "", owner=None, progress=None, dry_run=False, partial=False) -> ImportReport:
    """Validate every row of the file, then (unless dry_run, and unless a row was refused or
    partial is set) create or update a draft for each valid one. ImportFileError when the file
    cannot be read or there is nowhere to import to."""
    index = PracticeIndexPage.objects.first()
    if index is None:
        raise ImportFileError("Il n'y a pas de page « liste des retours d'expérience » sous laquelle importer : lancez seed_demo ou créez-la.")
    report = ImportReport()
    validator = Validator()
    existing = set()
    for _, clean in _validated(iter_rows(path), validator, report, progress):
        if clean is not None:
            existing.add(clean["id"])
    known = set()
    for start in range(0, len(existing), 500):
        batch = list(existing)[start:start + 500]
        known.update(ImportedPractice.objects.filter(external_id__in=batch).values_list("external_id", flat=True))
    report.updated = len(known)
    report.created = len(existing) - len(known)
    if dry_run or not existing or (report.rejected and not partial):
        return report
    _write(path, index, validator, source, owner, progress)
    report.written = True
    return report


@transaction.atomic
def _write(path, index, validator, source, owner, progress):
    """Second pass: the same validation, then the drafts, all in one transaction."""
    with references_indexed_once():
        for _, clean in _validated(iter_rows(path), validator, ImportReport(), progress):
            if clean is not None:
                import_row(index, clean, source, owner)
