"""Open-data export of published practices (CSV and JSON), and the schema both share.

The schema below is the single description of the format: the CSV header, the JSON keys, the
documentation page (/donnees/) and the importer (practices/importing.py) all read it, so they
cannot drift apart. List-valued columns are JSON arrays in JSON and ";"-separated in CSV.
"""

import csv
import io
import json
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from wagtail.rich_text import expand_db_html

from practices.models import PracticeAttachment, PracticeFunding, PracticeOtherCommune, Theme
from practices.models.sections import SECTION_FIELDS
from practices.queries import live_practices

LICENCE = {
    "name": "Licence Ouverte / Open Licence version 2.0 (Etalab 2.0)",
    "id": "etalab-2.0",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
PUBLISHER = "Agence nationale de la cohésion des territoires (ANCT)"
LIST_SEPARATOR = ";"
FUNDING_SEPARATOR = ":"

# Rich-text sections: column name → PracticePage field (the same names).
SECTION_COLUMNS = {field: field for field in SECTION_FIELDS}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, html, integer, date, datetime, list, fundings, figures, quote
    description: str
    imported: bool = True  # False: derived or informative, ignored by the importer


SCHEMA = [
    Column("id", "text", "Identifiant stable du retour d'expérience (« ppi-<numéro> » ; conservé à l'import)."),
    Column("title", "text", "Titre."),
    Column("slug", "text", "Identifiant d'URL de la page (facultatif à l'import : déduit du titre)."),
    Column("summary", "text", "Chapô : ce qui a été fait, où, et pour quel résultat (400 caractères au plus)."),
    Column("commune_insee", "text", "Code INSEE (code officiel géographique) de la commune principale."),
    Column("commune_name", "text", "Nom de la commune principale (déduit du code INSEE).", imported=False),
    Column("department_code", "text", "Code du département (déduit du code INSEE).", imported=False),
    Column("region_code", "text", "Code de la région (déduit du code INSEE).", imported=False),
    Column("population", "integer", "Population municipale de la commune principale (déduite).", imported=False),
    Column("other_communes_insee", "list", "Codes INSEE des autres communes concernées."),
    Column("programme", "text", "Programme : pvd, acv, france_services, villages_avenir ou autre."),
    Column("themes", "list", "Identifiants des thématiques (par exemple sante, mobilite, numerique)."),
    Column("keywords", "list", "Mots-clés libres."),
    Column("phase", "text", "Avancement : idee, etudes, en_cours, realise ou evalue."),
    Column("start_year", "integer", "Année de début."),
    Column("end_year", "integer", "Année de fin, si le projet est terminé."),
    Column("budget", "integer", "Budget total, en euros."),
    Column(
        "funders",
        "fundings",
        "Financeurs et montants en euros. JSON : liste de {funder, amount} ; CSV : « identifiant:montant » séparés par « ; ».",
    ),
    Column("partners", "text", "Partenaires du projet."),
    Column("staff_days", "integer", "Jours de travail du chef de projet."),
    Column("months_to_deliver", "integer", "Durée de réalisation, en mois."),
    Column("context", "html", "Contexte (HTML simple : p, strong, em, ul, ol, li, a, br)."),
    Column("objectives", "html", "Objectifs (HTML simple)."),
    Column("actions", "html", "Actions menées (HTML simple)."),
    Column("results", "html", "Résultats (HTML simple)."),
    Column("results_date", "date", "Date à laquelle les résultats ont été mesurés (AAAA-MM-JJ)."),
    Column("difficulties", "html", "Difficultés rencontrées (HTML simple)."),
    Column("advice", "html", "Conseils et facteurs de réussite (HTML simple)."),
    Column("transferability", "html", "Transférabilité (HTML simple)."),
    Column(
        "key_figures",
        "figures",
        "Chiffres clés. JSON : liste de {value, label} ; CSV : la même liste encodée en JSON.",
    ),
    Column("quote", "quote", "Témoignage. JSON : {text, author, role} ; CSV : le même objet encodé en JSON."),
    Column("contact_name", "text", "Nom du contact, seulement s'il a accepté d'être affiché (jamais de courriel)."),
    Column("contact_role", "text", "Fonction du contact (même condition)."),
    Column("contact_organisation", "text", "Organisation du contact (même condition)."),
    Column(
        "documents",
        "list",
        "Kit de réplication : « type de document : adresse de téléchargement » (cahier des charges, délibération…).",
        imported=False,
    ),
    Column("url", "text", "Adresse de la page sur le site.", imported=False),
    Column("first_published_at", "datetime", "Date de première publication (ISO 8601).", imported=False),
    Column("last_published_at", "datetime", "Date de dernière publication (ISO 8601).", imported=False),
]
COLUMN_NAMES = [column.name for column in SCHEMA]


def external_id(page) -> str:
    """The id a practice keeps across exports and re-imports."""
    source = getattr(page, "import_source", None)
    return source.external_id if source is not None else f"ppi-{page.pk}"


def export_queryset():
    return (
        live_practices()
        .select_related("commune__department__region", "import_source")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
            Prefetch(
                "other_communes",
                queryset=PracticeOtherCommune.objects.select_related("commune").order_by("sort_order"),
            ),
            Prefetch("fundings", queryset=PracticeFunding.objects.select_related("funder").order_by("sort_order")),
            "tagged_items__tag",
            Prefetch("attachments", queryset=PracticeAttachment.objects.select_related("document").order_by("sort_order")),
        )
        .order_by("path")
    )


def clean_html(html: str) -> str:
    if not html:
        return ""
    return expand_db_html(html)  # stored sections are sanitised when saved (practices/signals.py)


def practice_record(page, base_url: str = "") -> dict:
    """One practice as a dict of the schema's columns (lists stay lists)."""
    commune = page.commune
    department = commune.department if commune else None
    record = {
        "id": external_id(page),
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "commune_insee": commune.insee_code if commune else "",
        "commune_name": commune.name if commune else "",
        "department_code": department.code if department else "",
        "region_code": department.region.code if department else "",
        "population": commune.population if commune else None,
        "other_communes_insee": [link.commune.insee_code for link in page.other_communes.all()],
        "programme": page.programme,
        "themes": [theme.slug for theme in page.themes.all()],
        "keywords": sorted(item.tag.name for item in page.tagged_items.all()),
        "phase": page.phase,
        "start_year": page.start_year,
        "end_year": page.end_year,
        "budget": page.budget,
        "funders": [{"funder": f.funder.slug, "amount": f.amount} for f in page.fundings.all()],
        "partners": page.partners,
        "staff_days": page.staff_days,
        "months_to_deliver": page.months_to_deliver,
        "results_date": page.results_date.isoformat() if page.results_date else None,
        "key_figures": [
            {"value": block.value["value"], "label": block.value["label"]} for block in page.key_figures
        ],
        "quote": next(
            (
                {"text": b.value["text"], "author": b.value["author"], "role": b.value.get("role") or ""}
                for b in page.testimony
            ),
            None,
        ),
        "documents": [
            f"{attachment.get_kind_display()} : {base_url}{attachment.document.url}" for attachment in page.attachments.all()
        ],
        "url": base_url + page.url if page.url else "",
        "first_published_at": page.first_published_at.isoformat() if page.first_published_at else None,
        "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
    }
    for column, field in SECTION_COLUMNS.items():
        record[column] = clean_html(getattr(page, field))
    public = page.contact_public
    record["contact_name"] = page.contact_name if public else ""
    record["contact_role"] = page.contact_role if public else ""
    record["contact_organisation"] = page.contact_organisation if public else ""
    return {name: record[name] for name in COLUMN_NAMES}


def records(base_url: str = "") -> list[dict]:
    return [practice_record(page, base_url) for page in export_queryset()]


def metadata(count: int, base_url: str = "") -> dict:
    return {
        "title": "Partager pour innover — retours d'expérience des Petites villes de demain",
        "publisher": PUBLISHER,
        "licence": LICENCE,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "count": count,
        "documentation": base_url + "/donnees/",
        "schema": [{"name": c.name, "type": c.kind, "description": c.description} for c in SCHEMA],
    }


def to_json(rows: list[dict], base_url: str = "") -> str:
    return json.dumps({"meta": metadata(len(rows), base_url), "practices": rows}, ensure_ascii=False, indent=2)


def csv_cell(column: Column, value) -> str:
    if value is None:
        return ""
    if column.kind == "list":
        return LIST_SEPARATOR.join(value)
    if column.kind == "fundings":
        return LIST_SEPARATOR.join(
            f"{item['funder']}{FUNDING_SEPARATOR}{'' if item['amount'] is None else item['amount']}" for item in value
        )
    if column.kind in ("figures", "quote"):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return str(value)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Prefix a would-be formula with an apostrophe, which spreadsheets show as text (OWASP's
    advice). The CSV only: the JSON keeps the text as written."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def to_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMN_NAMES)
    for row in rows:
        writer.writerow([neutralise(csv_cell(column, row[column.name])) for column in SCHEMA])
    return buffer.getvalue()


def content_version() -> str:
    """Changes whenever a practice is published, unpublished or deleted: the export's cache key."""
    from django.db.models import Count, Max

    from practices.models import PracticePage

    figures = PracticePage.objects.live().aggregate(n=Count("pk"), last=Max("last_published_at"), top=Max("pk"))
    return f"{figures['n']}-{figures['top']}-{figures['last'].timestamp() if figures['last'] else 0}"
