"""The acceptance walk-through in Debian's Chromium: a project lead drafts, completes and
submits a write-up and finds no way to publish it; an editor sends it back with a comment, the
lead resubmits, the editor approves, and the write-up is on the site."""


import pytest
from playwright.sync_api import expect

from practices.models import PracticePage

PASSWORD = "motdepasse-de-test"

pytestmark = [
    pytest.mark.browser,
    # The live server reads from another thread; the migrations' groups and themes must survive.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser(chromium_browser):
    return chromium_browser


def submit_and_wait(page, button):
    """Click a button that posts the form and wait for the server's answer page: on a slow
    machine "network idle" can come before the navigation has even started."""
    with page.expect_navigation(wait_until="load", timeout=60_000):
        button.click()
    page.wait_for_load_state("networkidle")


def session(browser, base, username):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")
    return context, page


def leave(context, page, base):
    """Leave the editor (its unload releases the editing session) before the test reads the
    database: SQLite's shared in-memory test database does not like two writers at once."""
    page.goto(base + "/admin/")
    page.wait_for_load_state("networkidle")
    context.close()


def open_actions(page):
    page.locator("[data-w-dropdown-target=toggle]").last.click()
    page.locator("[data-w-dropdown-target=content]").last.wait_for(state="visible", timeout=30_000)


def test_contribution_and_review_in_the_browser(live_server, site_tree, editor, contributor, browser):
    from tests.factories import CommuneFactory, DepartmentFactory

    CommuneFactory(name="Beaujeu", insee_code="69018", department=DepartmentFactory(code="69", name="Rhône"), population=2100)
    base = live_server.url
    index = site_tree["index"]

    # The project lead saves an incomplete draft: nothing is lost.
    context, page = session(browser, base, contributor.username)
    page.goto(f"{base}/admin/pages/add/practices/practicepage/{index.pk}/")
    page.fill("#id_title", "Navette solidaire des hameaux")
    page.locator("#id_title").press("Tab")  # the slug follows the title when the field is left
    expect(page.locator("#id_slug")).not_to_have_value("", timeout=30_000)
    page.locator("button", has_text="Enregistrer le brouillon").first.click()
    page.wait_for_load_state("networkidle")
    draft = PracticePage.objects.get(title="Navette solidaire des hameaux")
    assert not draft.live

    # Completes it: commune from the picker, themes, phase, year, the three required sections.
    page.goto(f"{base}/admin/pages/{draft.pk}/edit/")
    page.fill("#id_summary", "Un minibus sur réservation relie sept hameaux au bourg deux jours par semaine.")
    page.locator("button", has_text="Choisir une commune").first.click()
    page.locator(".modal input[name=q]").fill("beaujeu")
    page.locator(".modal a", has_text="Beaujeu").first.click()
    page.get_by_text("Beaujeu — Rhône (69) · INSEE 69018").wait_for()
    page.locator("label", has_text="Mobilité").first.click()
    page.select_option("#id_phase", "realise")
    page.fill("#id_start_year", "2023")
    page.click("text=Le récit")
    editors = page.locator(".public-DraftEditor-content")
    for position, text in enumerate(["Sept hameaux sans bus.", "Rompre l'isolement des aînés.", "Un minibus et douze bénévoles."]):
        editors.nth(position).click()
        page.keyboard.type(text)
    open_actions(page)
    assert page.locator("button[name=action-publish]").count() == 0  # no way to publish
    submit_and_wait(page, page.locator("button[name=action-submit]").first)
    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live
    leave(context, page, base)

    # The editor sends it back with a comment.
    context, page = session(browser, base, editor.username)
    queue = page.locator("section", has_text="en attente de relecture").last
    assert "Navette solidaire des hameaux" in queue.inner_text()
    page.goto(f"{base}/admin/pages/{draft.pk}/edit/")
    open_actions(page)
    page.locator("button", has_text="Demander des modifications").first.click()
    page.locator("textarea[name=comment]").fill("Pouvez-vous préciser le coût annuel du minibus ?")
    submit_and_wait(page, page.locator(".modal button[type=submit]").first)
    leave(context, page, base)
    draft.refresh_from_db()
    assert draft.current_workflow_state.status == "needs_changes"

    # The lead edits and resubmits.
    context, page = session(browser, base, contributor.username)
    page.goto(f"{base}/admin/pages/{draft.pk}/edit/")
    page.click("text=Moyens et documents")
    page.fill("#id_budget", "48000")
    open_actions(page)
    submit_and_wait(page, page.locator("button[name=action-submit]").first)
    leave(context, page, base)

    # The editor approves: the write-up is published and on the site.
    context, page = session(browser, base, editor.username)
    page.goto(f"{base}/admin/pages/{draft.pk}/edit/")
    open_actions(page)
    submit_and_wait(page, page.locator("button", has_text="Approuver et Publier").first)
    leave(context, page, base)
    draft.refresh_from_db()
    assert draft.live and draft.budget == 48000
    reader = browser.new_page()
    try:
        reader.goto(base + draft.url)
        assert "Navette solidaire des hameaux" in reader.locator("h1").inner_text()
    finally:
        reader.close()  # before the live server stops: its request threads close the connection
