"""The whole review loop as two people, in Chromium: the project lead starts from her dashboard,
saves a draft, submits; the editor finds it at the top of her queue and asks for changes; the
project lead reads the comment in the banner and in her e-mail (a real SMTP server), fixes,
answers, resubmits; the editor approves. The admin pages they see must be in French.
Screenshots of every open page are saved when a step fails."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

CONTRIBUTOR = ("cheffe", "cheffe-ppi-2026")
EDITOR = ("editrice", "editrice-ppi-2026")
TITLE = "Une épicerie solidaire dans l'ancienne poste"
COMMENT = "Merci de préciser le budget total et qui finance l'épicerie."
REPLY = "Budget ajouté : 35 000 €, financé par la commune et le Département."
WAIT = 60_000  # states reached through a server round trip on a slow, shared machine

# Words of Wagtail's English UI that must not show once the admin is in French. Whole words,
# case-sensitive, checked on the visible text of every admin page of the loop.
ENGLISH = [
    "Password", "Sign in", "Dashboard", "Save draft", "Submit to", "Resubmit", "Publish", "Preview",
    "Request changes", "Approve", "Awaiting", "Your pages", "Recent edits", "External link", "e.g",
    "created in", "new item", "Pages created", "Edit", "Delete", "Cancel", "Choose", "Upload", "Settings",
    "Reports", "Help", "Log out", "Comments", "History", "Status", "Title", "Draft", "Live", "Search",
    "Workflow", "Locked", "Privacy", "Add", "Unpublish", "Page created",
]
ENGLISH_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w-])")


class Visited:
    """The visible text of the admin pages, to scan for English."""

    def __init__(self):
        self.pages = {}

    def read(self, page, label):
        page.wait_for_load_state()
        self.pages[f"{label} {page.url}"] = page.locator("body").inner_text()

    def english(self):
        found = {}
        for where, text in self.pages.items():
            words = sorted(set(ENGLISH_RE.findall(text)))
            if words:
                found[where] = words
        return found


def open_more_actions(page):
    page.get_by_role("button", name="Plus d'actions").click()


def test_two_people_take_a_write_up_from_draft_to_publication(site, browser, smtp_server):
    from wagtail.models import WorkflowState

    from practices.models import PracticePage

    url = site["url"]
    editor_user = site["accounts"]["editrice"]
    for state in WorkflowState.objects.active():  # left by other tests: her queue starts empty
        state.cancel(user=editor_user)
    visited = Visited()
    contexts = []

    def person():
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    try:
        # Cheffe starts from her dashboard.
        cheffe = person()
        cheffe.goto(f"{url}/admin/login/")
        visited.read(cheffe, "connexion")
        login(cheffe, url, *CONTRIBUTOR)
        visited.read(cheffe, "tableau de bord (cheffe)")
        with cheffe.expect_navigation():
            cheffe.locator("#ppi-write-section").get_by_role("link", name="Rédiger un retour d'expérience").click()
        assert "/admin/pages/add/practices/practicepage/" in cheffe.url
        cheffe.fill("#id_title", TITLE)
        cheffe.fill("#id_summary", "La commune a ouvert une épicerie solidaire dans l'ancienne poste, tenue par une association.")
        cheffe.locator("label", has_text="Commerce").first.click()
        cheffe.select_option("#id_phase", "en_cours")
        cheffe.fill("#id_start_year", "2024")
        cheffe.get_by_role("button", name="Choisir une commune").click()
        cheffe.locator(".modal-content input[name=q]").fill("Murat", timeout=WAIT)
        cheffe.locator(".modal-content a", has_text="Murat").first.click(timeout=WAIT)
        cheffe.wait_for_selector(".modal-content", state="detached", timeout=WAIT)
        visited.read(cheffe, "nouveau retour")
        cheffe.locator("#tab-label-le_recit").click()
        editors = cheffe.locator("#panel-child-le_recit-section, [id^=tab-le_recit]").locator(".Draftail-Editor [contenteditable=true]")
        expect(editors.nth(2)).to_be_visible(timeout=WAIT)
        for index, text in enumerate(
            ["Plus aucun commerce alimentaire dans le bourg depuis 2021.", "Rouvrir un commerce de proximité.", "Bail solidaire, bénévoles, circuits courts."]
        ):
            editors.nth(index).click()
            cheffe.keyboard.type(text)
            expect(editors.nth(index)).to_contain_text(text[:20])
        # Draftail writes its content to the form's hidden input after a short debounce: wait for it.
        for name, words in (("context", "depuis 2021"), ("objectives", "proximité"), ("actions", "circuits courts")):
            expect(cheffe.locator(f"input[name={name}]")).to_have_value(re.compile(words), timeout=WAIT)
        with cheffe.expect_navigation(timeout=WAIT):
            cheffe.locator("button", has_text="Enregistrer le brouillon").click()
        expect(cheffe.locator(".messages .error, .messages .w-message--error, .error-message")).to_have_count(0)
        assert re.search(r"/admin/pages/\d+/edit/", cheffe.url), cheffe.locator(".messages").all_inner_texts()
        practice = PracticePage.objects.get(title=TITLE)
        assert PracticePage.objects.filter(title=TITLE).count() == 1  # no second page from autosave
        visited.read(cheffe, "brouillon enregistré")
        open_more_actions(cheffe)
        with cheffe.expect_navigation(timeout=WAIT):
            cheffe.get_by_role("button", name=re.compile("Soumettre à Relecture ANCT")).click()
        assert PracticePage.objects.get(pk=practice.pk).workflow_in_progress, cheffe.locator(".error-message, .messages").all_inner_texts()

        # Editrice finds it at the top of her queue and asks for changes.
        editrice = person()
        login(editrice, url, *EDITOR)
        queue = editrice.locator("#awaiting-review-section table tbody tr")
        expect(queue.first).to_contain_text(TITLE)
        expect(queue.first).to_contain_text("Murat")
        visited.read(editrice, "file de relecture")
        screenshot(editrice, "admin-file-de-relecture")
        with editrice.expect_navigation():
            queue.first.get_by_role("link", name=TITLE).click()
        visited.read(editrice, "relecture")
        open_more_actions(editrice)
        editrice.get_by_role("button", name="Demander des modifications").click()
        editrice.locator(".modal-content textarea").first.fill(COMMENT, timeout=WAIT)
        with editrice.expect_navigation(timeout=WAIT):
            editrice.locator(".modal-content button[type=submit], .modal-content input[type=submit]").first.click()
        assert PracticePage.objects.get(pk=practice.pk).current_workflow_state.status == "needs_changes"
        editrice.goto(f"{url}/admin/")
        expect(editrice.locator("#awaiting-review-section")).not_to_contain_text(TITLE)
        expect(editrice.locator("#ppi-changes-requested-section")).to_contain_text(TITLE)
        visited.read(editrice, "tableau de bord (editrice)")

        # Cheffe: the comment in her e-mail and in the banner; she fixes, answers, resubmits.
        mail = smtp_server.wait_for(lambda m: "cheffe@" in m["X-Envelope-To"] and "Modifications demandées" in m["Subject"], timeout=30)
        assert COMMENT in smtp_server.text(mail)
        cheffe.goto(f"{url}/admin/")
        expect(cheffe.locator("#ppi-my-practices-section")).to_contain_text("modifications demandées")
        screenshot(cheffe, "admin-tableau-de-bord-contributrice")
        visited.read(cheffe, "tableau de bord (modifications)")
        cheffe.goto(f"{url}/admin/pages/{practice.pk}/edit/")
        banner = cheffe.locator("[data-ppi-review-banner]")
        expect(banner).to_contain_text(COMMENT)
        screenshot(cheffe, "admin-bandeau-commentaire")
        visited.read(cheffe, "bandeau")
        cheffe.locator("#tab-label-moyens_et_documents").click()
        cheffe.fill("#id_budget", "35000")
        cheffe.fill("#ppi-review-reply", REPLY)
        open_more_actions(cheffe)
        with cheffe.expect_navigation(timeout=WAIT):
            cheffe.get_by_role("button", name=re.compile("Resoumettre")).click()
        assert PracticePage.objects.get(pk=practice.pk).current_workflow_state.status == "in_progress"

        # Editrice sees the answer, approves: live, searchable, gone from every queue.
        resubmitted = smtp_server.wait_for(lambda m: "editrice@" in m["X-Envelope-To"] and "Renvoyé" in m["Subject"], timeout=30)
        from wagtail.models import PageLogEntry

        replies = list(PageLogEntry.objects.filter(page_id=practice.pk, action="ppi.review_reply").values_list("timestamp", "data"))
        assert REPLY in smtp_server.text(resubmitted), (smtp_server.text(resubmitted), replies)
        editrice.goto(f"{url}/admin/")
        expect(editrice.locator("#awaiting-review-section table tbody tr").first).to_contain_text(TITLE)
        editrice.goto(f"{url}/admin/pages/{practice.pk}/edit/")
        expect(editrice.locator("[data-ppi-review-banner]")).to_contain_text(REPLY)
        visited.read(editrice, "relecture (réponse)")
        open_more_actions(editrice)
        with editrice.expect_navigation(timeout=WAIT):
            editrice.get_by_role("button", name="Approuver et Publier", exact=True).click()
        practice = PracticePage.objects.get(pk=practice.pk)
        assert practice.live and practice.budget == 35000
        editrice.goto(f"{url}/admin/")
        expect(editrice.locator("#awaiting-review-section")).not_to_contain_text(TITLE)
        expect(editrice.locator("#ppi-changes-requested-section")).to_have_count(0)
        visited.read(editrice, "tableau de bord (après)")
        cheffe.goto(f"{url}/admin/")
        expect(cheffe.locator("#ppi-my-practices-section")).to_contain_text("publié")

        reader = person()
        reader.goto(f"{url}/recherche/?q=épicerie+solidaire+ancienne+poste")
        expect(reader.locator("main")).to_contain_text(TITLE)

        assert visited.english() == {}, visited.english()
    except Exception:
        for number, context in enumerate(contexts):
            for opened in context.pages:
                screenshot(opened, f"echec-boucle-relecture-{number}")
        raise
    finally:
        for context in contexts:
            context.close()
