"""Contribution and moderation in the Wagtail admin, in a real browser: a project lead writes
a draft with a photo and a replication-kit document and submits it; an ANCT editor asks for
changes, then approves and publishes it, and puts it on the home page."""

import io
import random

import pytest
from PIL import Image
from playwright.sync_api import expect

from .conftest import login, screenshot

# Marked here (not only in conftest) so that pytest-django orders these with the other
# database tests, before any transactional test flushes the database.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

CONTRIBUTOR = ("cheffe", "cheffe-ppi-2026")
EDITOR = ("editrice", "editrice-ppi-2026")


@pytest.fixture
def files(tmp_path):
    photo = tmp_path / "navette.png"
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), (random.randint(0, 255), 140, 90)).save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())
    pdf = tmp_path / "cahier-des-charges.pdf"
    pdf.write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return {"photo": photo, "pdf": pdf}


MODAL_TIMEOUT = 60_000  # a chooser modal loads its HTML and scripts: slow on a loaded CI machine


def close_modal(page):
    page.wait_for_selector(".modal-content", state="detached", timeout=MODAL_TIMEOUT)


def open_upload_tab(page):
    """The chooser's « Transférer » tab, once the modal has loaded it."""
    tab = page.locator(".modal-content #tab-label-upload")
    expect(tab).to_be_visible(timeout=MODAL_TIMEOUT)
    tab.click()


def test_contributor_writes_a_draft_with_a_photo_and_a_document_and_submits_it(site, page, files):
    from practices.models import PracticePage

    url = site["url"]
    login(page, url, *CONTRIBUTOR)
    page.goto(f"{url}/admin/pages/add/practices/practicepage/{site['index'].pk}/")
    page.fill("#id_title", "Une navette seniors vers le marché de Murat")
    page.fill("#id_summary", "Deux fois par semaine, un minibus relie les hameaux au marché et à la maison de santé.")

    page.get_by_role("button", name="Choisir une commune").click()
    page.locator(".modal-content input[name=q]").fill("Murat", timeout=MODAL_TIMEOUT)
    page.locator(".modal-content a", has_text="Murat").first.click()
    close_modal(page)
    page.locator("label", has_text="Mobilité").first.click()
    page.select_option("#id_phase", "en_cours")
    page.fill("#id_start_year", "2024")

    page.get_by_role("button", name="Choisir une image").click()
    open_upload_tab(page)
    page.set_input_files("#id_image-chooser-upload-file", str(files["photo"]))
    page.fill("#id_image-chooser-upload-title", "Le minibus devant la mairie")
    page.locator(".modal-content button[type=submit]", has_text="Transférer").click()
    close_modal(page)
    page.fill("#id_image_alt", "Le minibus blanc de la navette garé devant la mairie")

    page.locator("#tab-label-le_recit").click()
    editors = page.locator(".Draftail-Editor [contenteditable=true]")
    for index, text in enumerate(
        [
            "Les hameaux n'ont plus de bus depuis 2019 ; un tiers des habitants a plus de 70 ans.",
            "Permettre à chacun d'aller au marché et chez le médecin sans voiture.",
            "Achat d'un minibus d'occasion, convention avec l'association des aînés, chauffeurs bénévoles.",
        ]
    ):
        editors.nth(index).click()
        page.keyboard.type(text)

    page.locator("#tab-label-moyens_et_documents").click()
    page.get_by_role("button", name="Ajouter un(e) Document").click()
    page.get_by_role("button", name="Choisir un document").first.click()
    open_upload_tab(page)
    page.set_input_files("#id_document-chooser-upload-file", str(files["pdf"]))
    page.fill("#id_document-chooser-upload-title", "Cahier des charges de la navette")
    page.locator(".modal-content button[type=submit]").last.click()
    close_modal(page)
    page.select_option("select[name=attachments-0-kind]", "cahier_des_charges")

    with page.expect_navigation():
        page.locator("button", has_text="Enregistrer le brouillon").click()
    assert "/edit/" in page.url, page.locator(".messages").all_inner_texts()
    screenshot(page, "admin-brouillon")

    draft = PracticePage.objects.get(title="Une navette seniors vers le marché de Murat")
    assert not draft.live
    revision = draft.get_latest_revision_as_object()
    assert revision.image is not None and revision.image_alt.startswith("Le minibus blanc")
    assert revision.commune.name == "Murat" and [t.slug for t in revision.themes.all()] == ["mobilite"]
    assert [a.document.title for a in revision.attachments.all()] == ["Cahier des charges de la navette"]

    page.get_by_role("button", name="Plus d'actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Soumettre à Relecture ANCT").click()
    draft.refresh_from_db()
    assert draft.workflow_in_progress, page.locator(".messages").all_inner_texts()
    assert not draft.live


def submitted_practice(site):
    """A write-up by the project lead, waiting in the "Relecture ANCT" workflow."""
    from practices.models import PracticePage

    cheffe = site["accounts"]["cheffe"]
    model = PracticePage.objects.live().order_by("path").first()
    page = PracticePage(
        title="Un atelier numérique itinérant dans les mairies",
        slug="atelier-numerique-itinerant",
        summary="Un conseiller numérique passe chaque semaine dans six mairies pour aider aux démarches en ligne.",
        commune=model.commune, phase="realise", start_year=2023, owner=cheffe, live=False,
        image=model.image, image_alt="Le conseiller numérique en mairie",  # featuring needs a photo
        context="<p>Beaucoup d'habitants renoncent aux démarches en ligne.</p>",
        objectives="<p>Aider chacun à faire ses démarches près de chez soi.</p>",
        actions="<p>Permanences hebdomadaires dans six mairies.</p>",
    )
    page.themes = list(model.themes.all()[:1])
    site["index"].add_child(instance=page)
    page.save_revision(user=cheffe)
    page.get_workflow().start(page, cheffe)
    return page


def test_editor_asks_for_changes_then_approves_publishes_and_features(site, browser, files):
    from home.models import HomeFeaturedPractice
    from practices.models import PracticePage

    url = site["url"]
    practice = submitted_practice(site)
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        login(page, url, *EDITOR)
        # the review queue on the dashboard leads to the write-up
        link = page.locator("a", has_text=practice.title).first
        assert link.is_visible()
        screenshot(page, "admin-file-relecture")
        with page.expect_navigation():
            link.click()
        assert f"/admin/pages/{practice.pk}/edit/" in page.url

        page.get_by_role("button", name="Plus d'actions").click()
        page.get_by_role("button", name="Demander des modifications").click()
        page.locator(".modal-content textarea").first.fill("Merci d'ajouter le budget et les financeurs.")
        with page.expect_navigation():
            page.locator(".modal-content button[type=submit], .modal-content input[type=submit]").first.click()
        state = PracticePage.objects.get(pk=practice.pk).current_workflow_state
        assert state is not None and state.status == "needs_changes"

        # the project lead resubmits (what the "Renvoyer" button of the editor does)
        practice = PracticePage.objects.get(pk=practice.pk)
        practice.budget = 48000
        practice.save_revision(user=site["accounts"]["cheffe"])
        practice.current_workflow_state.resume(user=site["accounts"]["cheffe"])

        page.goto(f"{url}/admin/pages/{practice.pk}/edit/")
        page.get_by_role("button", name="Plus d'actions").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Approuver et Publier", exact=True).click()
        practice = PracticePage.objects.get(pk=practice.pk)
        assert practice.live and practice.budget == 48000

        page.goto(f"{url}/admin/pages/{practice.pk}/edit/")
        page.locator("header").get_by_role("button", name="Actions").click()
        page.get_by_role("link", name="Mettre à la une").first.click()
        page.wait_for_load_state()
        button = page.locator("main form button[type=submit]").first
        with page.expect_navigation():
            button.click()
        assert HomeFeaturedPractice.objects.filter(practice=practice).exists()

        page.goto(url + "/")
        featured = page.locator("section[aria-labelledby=titre-une]")
        assert practice.title in featured.inner_text()
        screenshot(page, "accueil-apres-mise-a-la-une")
    finally:
        context.close()
