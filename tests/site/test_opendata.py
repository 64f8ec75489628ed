"""The open-data export (CSV, JSON, documentation page) and the importer."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from opendata.export import COLUMN_NAMES
from opendata.models import ImportedPractice
from practices.models import PracticePage

pytestmark = pytest.mark.django_db


def export_json(client):
    return client.get("/donnees/pratiques.json").json()


def test_json_export_states_the_licence_and_the_schema(client, practice_world):
    data = export_json(client)
    assert data["meta"]["licence"]["id"] == "etalab-2.0"
    assert [c["name"] for c in data["meta"]["schema"]] == COLUMN_NAMES
    assert data["meta"]["count"] == 3
    assert {p["title"] for p in data["practices"]} == {
        "Maison de santé de Murat", "Navette seniors de Rostrenen", "Cour d'école végétalisée"
    }


def test_export_never_publishes_an_email_nor_a_private_contact(client, practice_world):
    body = client.get("/donnees/pratiques.json").content.decode() + client.get("/donnees/pratiques.csv").content.decode()
    assert "@exemple.fr" not in body
    assert "Yann Le Goff" not in body
    assert "Anne Morvan" in body


def test_csv_export_has_one_row_per_live_practice_with_derived_place(client, practice_world):
    response = client.get("/donnees/pratiques.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 3
    murat = next(r for r in rows if r["commune_insee"] == "15138")
    assert (murat["commune_name"], murat["department_code"], murat["region_code"]) == ("Murat", "15", "84")
    assert murat["themes"] == "sante"
    assert murat["id"] == f"ppi-{practice_world['health'].pk}"
    shuttle = next(r for r in rows if r["title"].startswith("Navette"))
    assert shuttle["themes"] == "sante;mobilite" or set(shuttle["themes"].split(";")) == {"sante", "mobilite"}


def test_documentation_page_describes_every_column_and_the_licence(client, practice_world):
    html = client.get("/donnees/").content.decode()
    assert "licence Etalab 2.0" in html
    for name in COLUMN_NAMES:
        assert f"<code>{name}</code>" in html
    assert 'href="/donnees/pratiques.csv"' in html and 'href="/donnees/pratiques.json"' in html


def write_rows(tmp_path, rows, name="import.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"practices": rows}, ensure_ascii=False), encoding="utf-8")
    return path


def good_row(**overrides):
    row = {
        "id": "partenaire-001",
        "title": "Tiers-lieu numérique de Murat",
        "summary": "Un tiers-lieu pour accompagner les habitants dans leurs démarches en ligne.",
        "commune_insee": "15138",
        "themes": ["numerique"],
        "keywords": ["tiers-lieu", "France services"],
        "phase": "en_cours",
        "start_year": 2022,
        "budget": 120000,
        "funders": [{"funder": "anct", "amount": 40000}],
        "context": '<p>Beaucoup de démarches <script>alert(1)</script><a href="https://exemple.fr" onclick="x()">en ligne</a>.</p>',
    }
    row.update(overrides)
    return row


def test_import_creates_drafts_for_review_and_is_idempotent(practice_world, tmp_path):
    path = write_rows(tmp_path, [good_row()])
    call_command("import_practices", str(path), "--no-progress")
    page = ImportedPractice.objects.get(external_id="partenaire-001").page
    assert page.live is False
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Tiers-lieu numérique de Murat"
    assert [t.slug for t in draft.themes.all()] == ["numerique"]
    assert "<script>" not in draft.context and "onclick" not in draft.context
    assert '<a href="https://exemple.fr">en ligne</a>' in draft.context

    path = write_rows(tmp_path, [good_row(title="Tiers-lieu numérique de Murat (mis à jour)")])
    call_command("import_practices", str(path), "--no-progress")
    assert ImportedPractice.objects.count() == 1
    assert PracticePage.objects.filter(title__startswith="Tiers-lieu").count() == 1
    page = PracticePage.objects.get(pk=page.pk)
    assert page.get_latest_revision_as_object().title == "Tiers-lieu numérique de Murat (mis à jour)"


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"commune_insee": "99999"}, "code INSEE de commune inconnu « 99999 »"),
        ({"themes": ["astronomie"]}, "thématique(s) inconnue(s) : 'astronomie'"),
        ({"themes": []}, "Choisissez au moins une thématique"),
        ({"start_year": 1850}, "postérieure ou égale à 1990"),
        ({"start_year": "deux mille"}, "« start_year » doit être un nombre entier"),
        ({"start_year": 2022, "end_year": 2020}, "L'année de fin doit être postérieure ou égale à l'année de début"),
        ({"budget": -5}, "« budget » doit être compris entre 0 et"),
        ({"phase": "fini"}, "phase inconnue « fini »"),
        ({"funders": [{"funder": "anct", "amount": -1}]}, "le montant du financeur « anct »"),
        ({"title": ""}, "« Titre » : "),
    ],
)
def test_import_refuses_a_bad_row_with_a_clear_message_and_imports_nothing(practice_world, tmp_path, capsys, overrides, message):
    path = write_rows(tmp_path, [good_row(id="bon"), good_row(id="mauvais", **overrides)])
    with pytest.raises(CommandError, match="1 à créer, 0 à mettre à jour, 1 refusée.*Rien n'a été importé"):
        call_command("import_practices", str(path), "--no-progress")
    err = capsys.readouterr().err
    assert "ligne 2 (mauvais) : " in err and message in err
    assert not ImportedPractice.objects.exists()

    call_command("import_practices", str(path), "--no-progress", "--partial", stdout=io.StringIO())
    assert list(ImportedPractice.objects.values_list("external_id", flat=True)) == ["bon"]


def test_import_reads_the_csv_export(client, practice_world, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(client.get("/donnees/pratiques.csv").content.decode(), encoding="utf-8")
    ImportedPractice.objects.all().delete()
    PracticePage.objects.filter(live=True).delete()
    call_command("import_practices", str(path), "--no-progress")
    drafts = PracticePage.objects.filter(live=False, import_source__isnull=False)
    assert {p.title for p in drafts} == {"Maison de santé de Murat", "Navette seniors de Rostrenen", "Cour d'école végétalisée"}


def test_import_refuses_an_unknown_file_type(practice_world, tmp_path):
    path = tmp_path / "pratiques.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(CommandError, match="non pris en charge"):
        call_command("import_practices", str(path))


def test_dry_run_validates_without_writing(practice_world, tmp_path, capsys):
    path = write_rows(tmp_path, [good_row(id="a"), good_row(id="b", phase="fini")])
    with pytest.raises(CommandError, match="2 ligne\\(s\\) lue\\(s\\) : 1 à créer, 0 à mettre à jour, 1 refusée\\(s\\). Essai"):
        call_command("import_practices", str(path), "--dry-run", "--no-progress")
    assert "ligne 2 (b) : phase inconnue « fini »" in capsys.readouterr().err
    assert not ImportedPractice.objects.exists()


def test_export_lists_the_replication_kit(client, practice_world):
    from wagtail.documents import get_document_model

    from practices.models import PracticeAttachment

    document = get_document_model().objects.create(title="Cahier des charges du minibus", file="documents/cdc.pdf")
    practice = practice_world["shuttle"]
    PracticeAttachment.objects.create(page=practice, kind="cahier_des_charges", document=document)
    rows = {row["title"]: row for row in client.get("/donnees/pratiques.json").json()["practices"]}
    assert rows[practice.title]["documents"] == [f"Cahier des charges : http://testserver{document.url}"]
    assert rows[practice_world["health"].title]["documents"] == []
