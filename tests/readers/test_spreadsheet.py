"""Open data in a spreadsheet: labelled columns, typed cells, French CSV, following the search."""

import csv
import datetime
import io

import openpyxl
import pytest

from practices.models import Funder, PracticeFunding

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded(practice_world):
    health = practice_world["health"]
    health.results = "<p>Six médecins &amp; deux <b>kinés</b> installés.</p><ul><li>Une salle</li><li>Un studio</li></ul>"
    health.results_date = datetime.date(2024, 3, 1)
    funder = Funder.objects.get_or_create(slug="banque-des-territoires", defaults={"name": "Banque des Territoires"})[0]
    health.fundings.add(PracticeFunding(funder=funder, amount=120000))
    health.partners = "=HYPERLINK(\"http://evil.example\")"
    health.save_revision().publish()
    return practice_world


def workbook(client, url="/donnees/retours-experience.xlsx"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="retours-experience')
    return openpyxl.load_workbook(io.BytesIO(response.content))


def by_header(sheet):
    rows = list(sheet.iter_rows())
    headers = [cell.value for cell in rows[0]]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def test_xlsx_has_labels_beside_codes_plain_text_dates_and_numbers(client, funded):
    book = workbook(client)
    rows = {row["Titre"].value: row for row in by_header(book["Retours d'expérience"])}
    assert set(rows) == {"Maison de santé de Murat", "Navette seniors de Rostrenen", "Cour d'école végétalisée"}
    murat = rows["Maison de santé de Murat"]
    assert (murat["Département"].value, murat["Code du département"].value) == ("Cantal", "15")
    assert (murat["Région"].value, murat["Code de la région"].value) == ("Auvergne-Rhône-Alpes", "84")
    assert murat["Thématiques"].value == "Accès aux soins / santé"
    assert murat["Codes des thématiques"].value == "sante"
    assert murat["Avancement"].value == "Réalisé"
    assert murat["Financeurs"].value == "Banque des Territoires"
    assert murat["Résultats"].value == "Six médecins & deux kinés installés.\nUne salle\nUn studio"
    assert murat["Budget total (€)"].value == 850000 and murat["Budget total (€)"].data_type == "n"
    assert murat["Population de la commune"].value == 1770
    assert murat["Résultats à la date du"].is_date and murat["Résultats à la date du"].value.date() == datetime.date(2024, 3, 1)
    assert murat["Première publication"].is_date
    # Text that looks like a formula stays text.
    assert murat["Partenaires"].data_type == "s" and murat["Partenaires"].value.startswith("=HYPERLINK")
    fundings = by_header(book["Financements"])
    assert [(f["Financeur"].value, f["Montant (€)"].value, f["Montant (€)"].data_type) for f in fundings] == [
        ("Banque des Territoires", 120000, "n")
    ]
    # Never an e-mail address, never a private contact.
    content = " ".join(str(c.value) for row in book["Retours d'expérience"].iter_rows() for c in row)
    assert "@exemple.fr" not in content and "Yann Le Goff" not in content


def test_spreadsheet_csv_has_a_bom_semicolons_and_french_dates(client, funded):
    response = client.get("/donnees/retours-experience-tableur.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    murat = next(row for row in rows if row["Titre"] == "Maison de santé de Murat")
    assert murat["Département"] == "Cantal" and murat["Résultats à la date du"] == "01/03/2024"
    assert murat["Partenaires"].startswith("'=")  # not run as a formula


def test_exports_follow_the_search_filters(client, funded):
    book = workbook(client, "/donnees/retours-experience.xlsx?thematique=mobilite")
    assert [row["Titre"].value for row in by_header(book.active)] == ["Navette seniors de Rostrenen"]
    book = workbook(client, "/donnees/retours-experience.xlsx?q=cour+ecole&region=53")
    assert [row["Titre"].value for row in by_header(book.active)] == ["Cour d'école végétalisée"]
    unknown = client.get("/donnees/retours-experience-tableur.csv?thematique=inconnue&page=abc")
    assert unknown.status_code == 200  # an unknown filter is dropped, as on the search page


def test_search_page_and_opendata_page_offer_the_files(client, funded):
    search = client.get("/recherche/?thematique=sante").content.decode()
    assert 'href="/donnees/retours-experience.xlsx?thematique=sante"' in search
    assert 'href="/carte/?thematique=sante"' in search
    page = client.get("/donnees/").content.decode()
    assert "Pour un tableur (Excel, LibreOffice)" in page and "Pour un programme" in page
