import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Site

from home.demo.content import load_demo_rows
from home.models import ContentPage, HomeFeaturedPractice, HomePage
from practices.models import Commune, PracticePage, Theme

pytestmark = pytest.mark.django_db


def test_demo_rows_are_complete_and_spread():
    rows = load_demo_rows()
    assert len(rows) >= 60
    assert len({row["slug"] for row in rows}) == len(rows)
    assert {slug for row in rows for slug in row["themes"]} == set(
        ["sante", "mobilite", "numerique", "nature-en-ville", "services-publics", "commerce", "habitat",
         "patrimoine-culture", "transition-ecologique", "participation-citoyenne", "economie-tourisme"]
    )
    assert {row["phase"] for row in rows} == {"idee", "etudes", "en_cours", "realise", "evalue"}
    assert sum(1 for row in rows if row["featured"]) >= 3


def test_every_demo_commune_exists_in_the_official_list(settings):
    communes = json.loads((settings.COMMUNES_DATA_DIR / "communes.json").read_text(encoding="utf-8"))
    current = {c["code"]: c for c in communes if c["type"] == "commune-actuelle"}
    rows = load_demo_rows()
    for row in rows:
        assert row["commune_insee"] in current, row["slug"]
    regions = {current[row["commune_insee"]]["region"] for row in rows}
    assert len(regions) == 18  # every région, overseas included
    bands = {min(4, sum(current[row["commune_insee"]].get("population", 0) >= b for b in (2500, 5000, 10000, 20000))) for row in rows}
    assert bands == {0, 1, 2, 3, 4}


def test_seed_demo_is_idempotent_and_creates_the_site(client):
    call_command("load_communes", limit=40000, no_progress=True)
    call_command("seed_demo", limit=4, no_progress=True)
    counts = (PracticePage.objects.live().count(), HomePage.objects.count(), ContentPage.objects.count(),
              get_user_model().objects.count(), HomeFeaturedPractice.objects.count(), Commune.objects.count())
    call_command("seed_demo", limit=4, no_progress=True)
    assert (PracticePage.objects.live().count(), HomePage.objects.count(), ContentPage.objects.count(),
            get_user_model().objects.count(), HomeFeaturedPractice.objects.count(), Commune.objects.count()) == counts
    assert counts[0] == 4
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    practice = PracticePage.objects.live().first()
    html = client.get(practice.url).content.decode()
    assert practice.commune.name in html and practice.commune.department.region.name in html
    for slug in ["mentions-legales", "accessibilite", "donnees-personnelles"]:
        assert client.get(f"/{slug}/").status_code == 200
    for username, password in [("editrice", "editrice-ppi-2026"), ("cheffe", "cheffe-ppi-2026")]:
        response = client.post("/admin/login/", {"username": username, "password": password})
        assert response.status_code == 302, username
        assert client.get("/admin/").status_code == 200
        client.post("/admin/logout/")
    assert Theme.objects.filter(practices__live=True).exists()


def test_seeded_images_and_documents_know_where_they_are_used(admin_client):
    """The seed indexes references once at the end (practices.bulk): the admin's « Utilisation »
    of an illustration and of a replication-kit document still lists the write-up using them."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import ReferenceIndex

    call_command("load_communes", limit=40000, no_progress=True)
    call_command("seed_demo", limit=3, no_progress=True)
    practice = PracticePage.objects.live().exclude(image=None).first()
    image_uses = {ref.object_id for ref in ReferenceIndex.get_references_to(practice.image)}
    assert str(practice.pk) in image_uses
    from practices.models import PracticeAttachment

    attachment = PracticeAttachment.objects.filter(page__live=True).select_related("document").first()
    document_uses = {ref.object_id for ref in ReferenceIndex.get_references_to(attachment.document)}
    assert str(attachment.page_id) in document_uses
    assert get_document_model().objects.count() >= 1
    usage = admin_client.get(f"/admin/images/usage/{practice.image.pk}/").content.decode()
    assert practice.title in usage
    assert get_image_model().objects.count() >= 3
