"""The importer under hostile files: every malformed row shape gets a French message naming
its row, never an exception; a refused file leaves no page behind; the dry run and the import
agree on every case; an accepted row becomes a draft that publishing accepts as it is."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from opendata.models import ImportedPractice
from practices.models import PracticePage
from practices.validation import publish_errors

pytestmark = pytest.mark.django_db


def good_row(**overrides):
    row = {
        "id": "ok-1",
        "title": "Tiers-lieu numérique de Murat",
        "summary": "Un tiers-lieu pour accompagner les habitants dans leurs démarches en ligne.",
        "commune_insee": "15138",
        "themes": ["numerique"],
        "phase": "en_cours",
        "context": "<p>Beaucoup de démarches en ligne.</p>",
    }
    row.update(overrides)
    return row


NUL = "\x00"


def bad(**overrides):
    return good_row(**{"id": "ko-2", **overrides})


# (name, the second row of the file or its replacement, words the message must contain)
SHAPES = [
    ("funders as strings", bad(funders=["etat"]), "financeur"),
    ("funders as a number", bad(funders=5), "funders"),
    ("funder without slug", bad(funders=[{"amount": 5}]), "financeur inconnu"),
    ("funder amount as text", bad(funders=[{"funder": "anct", "amount": "beaucoup"}]), "montant"),
    ("funder amount Infinity", bad(funders=[{"funder": "anct", "amount": float("inf")}]), "montant"),
    ("themes as a number", bad(themes=5), "« themes » doit être une liste"),
    ("themes as objects", bad(themes=[{"slug": "sante"}]), "themes"),
    ("themes null", bad(themes=None), "thématique"),
    ("keywords as a number", bad(keywords=5), "« keywords » doit être une liste"),
    ("other communes as a number", bad(other_communes_insee=5), "other_communes_insee"),
    ("other commune unknown", bad(other_communes_insee=["00000"]), "autres communes"),
    ("row is a string", "une ligne", "une ligne doit être un objet"),
    ("row is null", None, "pas null"),
    ("row is a number", 42, "un nombre"),
    ("row is a list", ["a", "b"], "une liste"),
    ("budget Infinity", bad(budget=float("inf")), "« budget » doit être un nombre entier"),
    ("budget NaN", bad(budget=float("nan")), "« budget » doit être un nombre entier"),
    ("budget 1e30", bad(budget=1e30), "« budget » doit être compris entre"),
    ("budget as text 1e30", bad(budget="1e30"), "« budget » doit être un nombre entier"),
    ("budget a boolean", bad(budget=True), "« budget » doit être un nombre entier"),
    ("budget a float", bad(budget=12.5), "« budget » doit être un nombre entier"),
    ("budget huge int", bad(budget=10**40), "« budget » doit être compris entre"),
    ("staff days negative", bad(staff_days=-3), "staff_days"),
    ("months too many", bad(months_to_deliver=10**6), "months_to_deliver"),
    ("start year far", bad(start_year=99999), "start_year"),
    ("quote too long", bad(quote={"text": "x" * 10_900, "author": "Maire"}), "dépasse"),
    ("quote as text", bad(quote="Très bien"), "« quote » doit être un objet"),
    ("quote of 801 characters", bad(quote={"text": "x" * 801, "author": "Maire"}), "Témoignage"),
    ("quote without author", bad(quote={"text": "Bien"}), "auteur"),
    ("NUL in title", bad(title=f"Titre{NUL}caché"), "caractère de contrôle"),
    ("NUL in summary", bad(summary=f"a{NUL}b"), "caractère de contrôle"),
    ("escape in contact", bad(contact_name="Jean\x1b[31m"), "caractère de contrôle"),
    ("title as object", bad(title={"fr": "Titre"}), "« title » doit être un texte"),
    ("title too long", bad(title="T" * 300), "« title » dépasse 255"),
    ("summary too long", bad(summary="s" * 500), "Chapô"),
    ("contact name too long", bad(contact_name="n" * 200), "Nom du contact"),
    ("no title", bad(title=None), "Titre"),
    ("no id", bad(id=None), "« id » est obligatoire"),
    ("id as list", bad(id=["a"]), "« id » doit être un texte"),
    ("duplicate id", bad(id="ok-1"), "apparaît deux fois"),
    ("unknown commune", bad(commune_insee="99999"), "code INSEE de commune inconnu"),
    ("commune as list", bad(commune_insee=["15138"]), "« commune_insee » doit être un texte"),
    ("no commune", bad(commune_insee=None), "Commune principale"),
    ("unknown phase", bad(phase="fini"), "phase inconnue"),
    ("no phase", bad(phase=None), "Phase"),
    ("unknown programme", bad(programme="erasmus"), "programme inconnu"),
    ("section as list", bad(context=["<p>a</p>"]), "« context » doit être un texte"),
    ("section too long", bad(actions="<p>" + "mot " * 30_000 + "</p>"), "« actions » dépasse"),
    ("key figures as text", bad(key_figures="12 %"), "key_figures"),
    ("key figure without label", bad(key_figures=[{"value": "12"}]), "chiffre clé"),
    ("results date garbage", bad(results_date="hier"), "results_date"),
    ("results date number", bad(results_date=20240630), "results_date"),
    ("end before start", bad(start_year=2022, end_year=2020), "année de fin"),
    ("no text at all", bad(summary=None, context=None), "Chapô"),
]


def write(tmp_path, rows, name="import.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"practices": rows}, ensure_ascii=False, allow_nan=True), encoding="utf-8")
    return path


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_practices", *args, "--no-progress", stdout=out, stderr=err)
    except CommandError as error:
        return False, err.getvalue() + str(error)
    return True, err.getvalue() + out.getvalue()


@pytest.fixture
def world(practice_world):
    return practice_world


def test_the_corpus_is_large_enough():
    assert len(SHAPES) >= 30


@pytest.mark.parametrize("name, row, words", SHAPES, ids=[s[0] for s in SHAPES])
def test_hostile_shape_is_a_row_error_the_dry_run_agrees_and_nothing_is_written(world, tmp_path, name, row, words):
    pages_before = PracticePage.objects.count()
    path = write(tmp_path, [good_row(), row, good_row(id="ok-3")])
    dry_ok, dry_text = run(str(path), "--dry-run")
    ok, text = run(str(path))
    assert not ok and not dry_ok, text
    assert "ligne 2" in text and words in text, text
    assert "Traceback" not in text
    assert "1 refusée" in dry_text and "1 refusée" in text  # the same verdict
    assert PracticePage.objects.count() == pages_before  # all or nothing
    assert not ImportedPractice.objects.exists()

    ok, text = run(str(path), "--partial")
    assert ok, text
    assert sorted(ImportedPractice.objects.values_list("external_id", flat=True)) == ["ok-1", "ok-3"]


@pytest.mark.parametrize(
    "content, words",
    [
        ("[{", "JSON invalide"),
        ('{"meta": {}}', "pas de clé « practices »"),
        ('"bonjour"', "doit contenir une liste"),
        ('{"practices": 5}', "doit contenir une liste"),
        ("", "doit contenir une liste"),
        ("[1 2]", "JSON invalide"),
    ],
)
def test_an_unreadable_file_is_one_clear_error(world, tmp_path, content, words):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    ok, text = run(str(path))
    assert not ok and words in text and "Traceback" not in text
    assert not ImportedPractice.objects.exists()


def test_a_file_that_is_not_utf8_is_refused(world, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("id,title\nx,Santé\n".encode("latin-1"))
    ok, text = run(str(path))
    assert not ok and "UTF-8" in text


def test_real_write_ups_without_objectives_nor_start_year_import_and_publish(world, tmp_path):
    """What real write-ups often lack (objectives, start year, even a chapô) is recommended, not
    required: the row is accepted and the draft publishes as it is."""
    row = good_row(summary=None, objectives="", start_year=None, actions=None, context="<p>" + "Contexte. " * 80 + "</p>")
    ok, text = run(str(write(tmp_path, [row])))
    assert ok, text
    page = ImportedPractice.objects.get(external_id="ok-1").page.specific
    draft = page.get_latest_revision_as_object()
    assert draft.summary.startswith("Contexte. Contexte.") and len(draft.summary) <= 400
    assert publish_errors(draft, draft.themes.count()) == []
    draft.full_clean()  # the model's own validation, as the admin's publish does
    page.get_latest_revision().publish()
    assert PracticePage.objects.get(pk=page.pk).live


def test_single_line_fields_lose_their_line_breaks_and_csv_formula_guard_is_undone(world, tmp_path):
    ok, text = run(str(write(tmp_path, [good_row(title="Tiers-lieu\nnumérique", contact_name="Anne\r\nMorvan")])))
    assert ok, text
    draft = ImportedPractice.objects.get().page.get_latest_revision_as_object()
    assert draft.title == "Tiers-lieu numérique" and draft.contact_name == "Anne Morvan"
