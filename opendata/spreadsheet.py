"""Open data a French user opens in Excel or LibreOffice: XLSX and a spreadsheet CSV.

The machine CSV and JSON (opendata/export.py) keep codes and HTML for programs; these files
are for people: a French label beside every code (theme, région, département, funder names),
plain text instead of HTML, dates as dates, numbers as numbers. The XLSX has a second sheet
with one row per funding (amounts as numbers) and a sheet about the data (source, licence).
The CSV variant starts with a UTF-8 byte order mark and uses ";" so that Excel in French
opens it in columns with its accents intact.

Both follow the search page: the same URL parameters (query and filters, read by the search
page's own form) export only the matching practices.
"""

import csv
import html
import io
import re
from datetime import date, datetime

from django.utils import timezone
from django.utils.html import strip_tags
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from practices.models import Phase, Programme
from search import api as search_api
from search.forms import SearchForm
from search.types import FACETS

from .export import LICENCE, PUBLISHER, clean_html, export_queryset, external_id

EXCEL_CELL_LIMIT = 32_767
ENGINE_PAGE = 100  # results per engine query when an export follows a search
MAX_EXPORTED = 20_000
DATE_FORMAT = "DD/MM/YYYY"
AMOUNT_FORMAT = "#,##0"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BLOCK_END = re.compile(r"</(p|li|h\d|blockquote)>|<br\s*/?>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n{3,}")

SECTIONS = [
    ("Contexte", "context"),
    ("Objectifs", "objectives"),
    ("Actions menées", "actions"),
    ("Résultats", "results"),
    ("Difficultés rencontrées", "difficulties"),
    ("Conseils et facteurs de réussite", "advice"),
    ("Transférabilité", "transferability"),
]


def plain_text(rich: str) -> str:
    """Rich text as text: one line per paragraph or list item, no tags, no HTML entities."""
    if not rich:
        return ""
    text = _BLOCK_END.sub("\n", clean_html(rich))
    text = html.unescape(strip_tags(text))
    return _BLANK_LINES.sub("\n\n", text).strip()


def local_date(value):
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date()
    return value


def _row(page, base_url: str) -> list:
    commune = page.commune
    department = commune.department if commune else None
    region = department.region if department else None
    public = page.contact_public
    themes = list(page.themes.all())
    fundings = list(page.fundings.all())
    row = [
        external_id(page),
        page.title,
        page.summary,
        commune.name if commune else "",
        commune.insee_code if commune else "",
        commune.epci.name if commune and commune.epci else "",
        department.name if department else "",
        department.code if department else "",
        region.name if region else "",
        region.code if region else "",
        commune.population if commune else None,
        str(Programme(page.programme).label) if page.programme in Programme.values else page.programme,
        ", ".join(theme.name for theme in themes),
        ", ".join(theme.slug for theme in themes),
        ", ".join(sorted(item.tag.name for item in page.tagged_items.all())),
        str(Phase(page.phase).label) if page.phase in Phase.values else page.phase,
        page.start_year,
        page.end_year,
        page.budget,
        ", ".join(funding.funder.name for funding in fundings),
        page.partners,
        page.staff_days,
        page.months_to_deliver,
    ]
    row += [plain_text(getattr(page, field)) for _label, field in SECTIONS]
    row += [
        page.results_date,
        page.contact_name if public else "",
        page.contact_role if public else "",
        page.contact_organisation if public else "",
        base_url + page.url if page.url else "",
        local_date(page.first_published_at),
        local_date(page.last_published_at),
    ]
    return row


HEADERS = [
    "Identifiant", "Titre", "Chapô", "Commune", "Code INSEE de la commune", "Intercommunalité",
    "Département", "Code du département", "Région", "Code de la région", "Population de la commune",
    "Programme", "Thématiques", "Codes des thématiques", "Mots-clés", "Avancement",
    "Année de début", "Année de fin", "Budget total (€)", "Financeurs", "Partenaires",
    "Jours de travail du chef de projet", "Durée de réalisation (mois)",
    *[label for label, _field in SECTIONS],
    "Résultats à la date du", "Contact", "Fonction du contact", "Organisation du contact",
    "Adresse de la page", "Première publication", "Dernière publication",
]
AMOUNT_COLUMNS = {"Budget total (€)"}
FUNDING_HEADERS = ["Identifiant", "Titre", "Financeur", "Code du financeur", "Montant (€)"]


def matching_practices(params):
    """The export's queryset: every live practice, or those matching the search parameters
    (query string of the search page), found by the engine page by page."""
    form = SearchForm(params)
    form.is_valid()  # always valid: unknown values are dropped
    search = form.search_params()
    queryset = export_queryset().select_related("commune__epci")
    if not search.q and not search.filters:
        return queryset
    search.sort, search.per_page = "date", ENGINE_PAGE
    ids: list[int] = []
    page = 1
    while len(ids) < MAX_EXPORTED:
        search.page = page
        results = search_api.search(search)
        ids += [hit.page_id for hit in results.hits]
        if page >= results.num_pages or not results.hits:
            break
        page += 1
    return queryset.filter(pk__in=ids)


def has_search(params) -> bool:
    return bool(params.get("q")) or any(params.get(key) for key in FACETS)


def _text(value: str) -> str:
    return value[:EXCEL_CELL_LIMIT]


def _cell(sheet, value, header: str):
    cell = WriteOnlyCell(sheet, value=_text(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int) and header in AMOUNT_COLUMNS | {"Montant (€)"}:
        cell.number_format = AMOUNT_FORMAT
    return cell


def to_xlsx(practices, base_url: str = "") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Retours d'expérience")
    fundings_sheet = workbook.create_sheet("Financements")
    about = workbook.create_sheet("À propos")
    bold = Font(bold=True)
    for target, headers in ((sheet, HEADERS), (fundings_sheet, FUNDING_HEADERS)):
        target.freeze_panes = "A2"
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(target, value=header)
            cell.font = bold
            header_cells.append(cell)
        target.append(header_cells)
    count = 0
    for page in practices:
        count += 1
        sheet.append([_cell(sheet, value, header) for value, header in zip(_row(page, base_url), HEADERS, strict=True)])
        for funding in page.fundings.all():
            values = [external_id(page), page.title, funding.funder.name, funding.funder.slug, funding.amount]
            fundings_sheet.append([_cell(fundings_sheet, v, h) for v, h in zip(values, FUNDING_HEADERS, strict=True)])
    for line in (
        ["Partager pour innover — retours d'expérience des Petites villes de demain"],
        ["Producteur", PUBLISHER],
        ["Licence", LICENCE["name"], LICENCE["url"]],
        ["Extrait le", local_date(timezone.now())],
        ["Nombre de retours d'expérience", count],
        ["Documentation", base_url + "/donnees/"],
    ):
        about.append([_cell(about, value, "") for value in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    if text.startswith(FORMULA_START):
        text = "'" + text  # a spreadsheet must not run a cell as a formula
    return text


def to_spreadsheet_csv(practices, base_url: str = "") -> str:
    """CSV for spreadsheets: BOM, ";" separator, French headers, dates as JJ/MM/AAAA."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for page in practices:
        writer.writerow([_csv_value(value) for value in _row(page, base_url)])
    return buffer.getvalue()
