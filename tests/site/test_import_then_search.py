"""The path real write-ups take: a file in the open-data schema is imported, editors publish the
drafts, readers find them through /recherche/ with the questions they type. The rows look like
write-ups taken from public sources: some sections missing, no start year, long and short."""

import io
import json
import re
from html import unescape

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LONG = " ".join(["La commune a réuni les habitants, les associations et l'intercommunalité pour construire le projet."] * 30)
ROWS = [
    {
        "id": "source-sante", "title": "Un centre municipal de santé pour remplacer les médecins partis",
        "summary": "Après le départ du dernier généraliste, la commune salarie deux médecins dans un centre de santé.",
        "commune_insee": "22266", "themes": ["sante"], "phase": "realise",
        "context": "<p>Le dernier médecin généraliste est parti à la retraite sans successeur.</p>",
        "actions": f"<p>Recrutement de médecins salariés, locaux rénovés. {LONG}</p>",
    },
    {
        "id": "source-boulangerie", "title": "Reprise de la dernière boulangerie par la commune",
        "summary": "La mairie rachète les murs et loue le fonds à un jeune boulanger.",
        "commune_insee": "15138", "themes": ["commerce"], "phase": "en_cours",
        "context": "<p>La boulangerie allait fermer faute de repreneur.</p>",
    },
    {
        "id": "source-tad", "title": "Transport à la demande pour les aînés des hameaux",
        "summary": "Un minibus sur réservation conduit les personnes âgées au bourg.",
        "commune_insee": "15138", "themes": ["mobilite"], "phase": "realise", "start_year": 2021,
        "actions": "<p>Deux chauffeurs, réservation la veille par téléphone.</p>",
    },
]
QUESTIONS = [
    ("que faire quand le dernier médecin part à la retraite", "Un centre municipal de santé"),
    ("comment garder la boulangerie du village", "Reprise de la dernière boulangerie"),
    ("TAD personnes agees", "Transport à la demande pour les aînés"),
    ("centre de sante salarie", "Un centre municipal de santé"),
]


def titles(response) -> list[str]:
    html = response.content.decode()
    return [unescape(t) for t in re.findall(r'<h3 class="[^"]*ppi-hit__title"><a href="[^"]*">([^<]*)</a></h3>', html)]


def test_imported_write_ups_are_found_by_the_questions_readers_ask(client, practice_world, tmp_path):
    from opendata.models import ImportedPractice

    path = tmp_path / "sources.json"
    path.write_text(json.dumps({"practices": ROWS}, ensure_ascii=False), encoding="utf-8")
    call_command("import_practices", str(path), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())
    assert ImportedPractice.objects.count() == len(ROWS)  # none refused, though sections are missing
    for imported in ImportedPractice.objects.select_related("page"):
        imported.page.get_latest_revision().publish()
    for question, expected in QUESTIONS:
        found = titles(client.get("/recherche/", {"q": question}))
        assert found, question  # never an empty page
        assert any(title.startswith(expected) for title in found[:3]), (question, found)
