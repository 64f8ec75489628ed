"""Turns one demo write-up (practices/demo/practices_*.json) into a PracticePage."""

import json
from datetime import date
from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.images import get_image_model

from practices.models import (
    Commune,
    Funder,
    PracticeFunding,
    PracticeOtherCommune,
    PracticePage,
    Theme,
)
from practices.models.sections import SECTIONS

from .images import draw_illustration

DEMO_DIR = Path(__file__).resolve().parent
SECTION_FIELDS = {key: field for field, key in SECTIONS}  # demo JSON key → PracticePage field


def load_demo_rows() -> list[dict]:
    rows = []
    for path in sorted(DEMO_DIR.glob("practices_*.json")):
        rows.extend(json.loads(path.read_text(encoding="utf-8")))
    return rows


def paragraphs(text: str | None) -> str:
    if not text:
        return ""
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n") if part.strip())


def current_commune(insee: str):
    return Commune.objects.filter(insee_code=insee, kind=Commune.Kind.CURRENT).first()


def demo_image(row: dict):
    Image = get_image_model()
    title = f"Illustration — {row['title']}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = draw_illustration(row["title"], row.get("image", {}).get("color", "#6a6af4"))
        image = Image(title=title, description="Illustration : collines et maisons d'une petite ville")
        image.file = ImageFile(BytesIO(data), name=f"{row['slug']}.jpg")
        image.save()
    return image


def fill_page(page: PracticePage, row: dict, themes: dict, funders: dict) -> None:
    sections = row.get("sections") or {}
    page.title = row["title"]
    page.slug = row["slug"]
    page.summary = row["summary"]
    page.commune = current_commune(row["commune_insee"])
    page.programme = row.get("programme") or "pvd"
    page.phase = row["phase"]
    page.start_year = row.get("start_year")
    page.end_year = row.get("end_year")
    page.budget = row.get("budget")
    page.partners = row.get("partners") or ""
    page.staff_days = row.get("staff_days")
    page.months_to_deliver = row.get("months_to_deliver")
    for key, field in SECTION_FIELDS.items():
        setattr(page, field, paragraphs(sections.get(key)))
    results_date = sections.get("resultats_date")
    page.results_date = date.fromisoformat(results_date) if results_date else None
    page.key_figures = [("figure", {"value": f["value"], "label": f["label"]}) for f in row.get("key_figures") or []]
    quote = row.get("quote")
    page.testimony = [("quote", {"text": quote["text"], "author": quote["author"], "role": quote.get("role", "")})] if quote else []
    contact = row.get("contact") or {}
    page.contact_name = contact.get("name", "")
    page.contact_role = contact.get("role", "")
    page.contact_organisation = contact.get("organisation", "")
    page.contact_public = bool(contact.get("public", True))
    slug_name = slugify(contact.get("name", "contact")).replace("-", ".")
    page.contact_email = f"{slug_name}@exemple-collectivite.fr" if contact else ""
    image = demo_image(row)
    page.image = image
    # The demo pictures are drawn illustrations, not the photographs the write-ups describe.
    page.image_alt = "Illustration : collines et maisons d'une petite ville"
    page.themes = [themes[slug] for slug in row["themes"] if slug in themes]
    page.tags.clear()
    page.tags.add(*row.get("keywords", []))
    page.fundings = [
        PracticeFunding(funder=funders[f["funder"]], amount=f.get("amount"))
        for f in row.get("funders") or []
        if f.get("funder") in funders
    ]
    page.other_communes = [
        PracticeOtherCommune(commune=c) for c in (current_commune(code) for code in row.get("other_communes_insee") or []) if c
    ]


def taxonomies():
    return {t.slug: t for t in Theme.objects.all()}, {f.slug: f for f in Funder.objects.all()}
