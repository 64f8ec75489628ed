"""What a returning reader does, in Debian's Chromium driven by Playwright, at 1,280 and 375 px:
states their commune and sees practices from towns like theirs; subscribes to an alert,
confirms it from the e-mail, gets the digest and unsubscribes in one click; keeps a selection
and shares it; prints a practice page. axe-core finds no violation of any impact on the new pages."""

import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.live_server import live_server_on_this_connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = [1280, 375]
SCREENSHOTS = Path(os.environ.get("PPI_SCREENSHOTS", "/tmp/ppi-screenshots"))
PASSWORD = "lectrice-ppi-2026"


@pytest.fixture
def browser(chromium_browser):
    return chromium_browser


def build_site():
    from wagtail.models import Page, Site

    from communes.models import Epci
    from home.legal_content import LEGAL_PAGES
    from home.models import ContentPage
    from tests.factories import (
        CommuneFactory,
        DepartmentFactory,
        HomePageFactory,
        PracticeIndexPageFactory,
        PracticePageFactory,
        RegionFactory,
        UserFactory,
    )

    home = HomePageFactory(parent=Page.get_first_root_node(), slug="accueil-lecteurs")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80})
    for slug, title, body in LEGAL_PAGES:
        home.add_child(instance=ContentPage(title=title, slug=slug, body=body))
    index = PracticeIndexPageFactory(parent=home)
    ara = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    rhone = DepartmentFactory(code="69", name="Rhône", region=ara)
    finistere = DepartmentFactory(code="29", name="Finistère", region=RegionFactory(code="53", name="Bretagne"))
    beaujolais = Epci.objects.create(code="200040566", name="CC Saône-Beaujolais", kind="CC")
    CommuneFactory(insee_code="69018", name="Beaujeu", department=rhone, population=2100, epci=beaujolais, postal_codes=["69430"])
    quincie = CommuneFactory(insee_code="69162", name="Quincié-en-Beaujolais", department=rhone, population=1300, epci=beaujolais)
    brest = CommuneFactory(insee_code="29019", name="Brest", department=finistere, population=140000)
    PracticePageFactory(parent=index, title="Maison de santé de Quincié", commune=quincie, themes=["sante"],
                        contact_name="Lucie Martin", contact_role="cheffe de projet", contact_public=True)
    PracticePageFactory(parent=index, title="Navette portuaire de Brest", commune=brest, themes=["mobilite"])
    PracticePageFactory(parent=index, title="Cour d'école végétalisée", commune=brest, themes=["nature-en-ville"])
    from django.contrib.auth.models import Permission

    user = UserFactory(username="lectrice")
    user.set_password(PASSWORD)
    user.save()
    # a project lead's account: it reaches the admin, where the login form sends everyone
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return {"index": index, "quincie": quincie}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, chromium_browser):
    for url, data in live_server_on_this_connection(django_db_blocker, build_site):
        yield {"url": url, **data}


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def width(request):
    return request.param


@pytest.fixture
def page(browser, width):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900}, bypass_csp=False)
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    yield page
    context.close()


def axe_violations(page):
    """Every violation, whatever its impact, on the page as it is now. The script goes in
    through the DevTools protocol (page.evaluate), which the site's CSP does not block."""
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 3)}))"""
    )


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=2)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_a_reader_states_their_commune_and_sees_towns_like_theirs(seeded, page, width):
    page.goto(seeded["url"] + "/")
    page.get_by_role("link", name="Indiquer ma commune").click()
    page.locator("#commune-q").fill("beaujeu")
    page.get_by_role("button", name="Rechercher la commune").click()
    page.get_by_role("button", name=re.compile(r"^Beaujeu — Rhône \(69\)")).wait_for()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Beaujeu — Rhône \(69\)")).click()
    page.wait_for_url(seeded["url"] + "/")
    block = page.locator("#comme-la-votre")
    block.get_by_role("heading", name="Dans des communes comme la vôtre").wait_for()
    first = block.locator(".fr-card").first
    assert "Maison de santé de Quincié" in first.inner_text()
    assert first.locator(".ppi-hints li").all_text_contents() == ["même taille", "même intercommunalité", "même département"]
    assert_accessible(page)

    # the search page, sorted « Proches de ma commune », with the hints on each result
    page.goto(seeded["url"] + "/recherche/")
    page.get_by_label("Trier par").select_option(label="Proches de ma commune")
    page.wait_for_url(re.compile(r"tri=proximite"))
    page.locator("#tri-proximite").wait_for()
    assert "Du plus proche au plus éloigné de Beaujeu (69)" in page.locator("#tri-proximite").inner_text()
    results = page.locator(".ppi-results > li")
    assert "Maison de santé de Quincié" in results.first.inner_text()
    assert results.first.locator(".ppi-hints li").all_text_contents() == ["même taille", "même intercommunalité", "même département"]
    assert "Brest" in results.last.inner_text() and results.last.locator(".ppi-hints").count() == 0
    assert_accessible(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"recherche-proximite-{width}.png"), full_page=True)
    assert page.js_errors == []


def test_alert_confirmed_from_the_email_digest_then_one_click_unsubscribe(seeded, page, width, smtp_server):
    from alerts.models import Subscriber
    from tests.factories import PracticePageFactory

    address = f"alerte-{width}@mairie-exemple.fr"
    page.goto(seeded["url"] + "/recherche/?thematique=sante")
    page.get_by_role("link", name="M'alerter des nouveaux retours d'expérience").click()
    page.locator("#alerte-recherche").wait_for()
    assert "Accès aux soins / santé" in page.locator("#alerte-recherche").inner_text()
    assert_accessible(page)
    page.get_by_label("Votre adresse électronique").fill(address)
    page.get_by_role("button", name="Recevoir les alertes").click()
    page.get_by_role("heading", name="Vérifiez votre messagerie").wait_for()
    assert_accessible(page)

    mail = smtp_server.wait_for(lambda m: address in m["X-Envelope-To"] and "Confirmez" in m["Subject"])
    confirm = re.search(r"http://\S+/alertes/confirmer/\S+/", smtp_server.text(mail)).group(0)
    page.goto(seeded["url"] + path_of(confirm))
    page.get_by_role("button", name="Confirmer l'alerte").click()
    page.get_by_role("heading", name="Alerte confirmée").wait_for()
    assert_accessible(page)

    PracticePageFactory(parent=seeded["index"], title=f"Centre de santé ouvert ({width})", commune=seeded["quincie"], themes=["sante"])
    call_command("send_alert_digests")
    digest = smtp_server.wait_for(lambda m: address in m["X-Envelope-To"] and "nouveau" in m["Subject"])
    assert f"Centre de santé ouvert ({width})" in smtp_server.text(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    manage = re.search(r"Gérer vos alertes : (\S+)", smtp_server.text(digest)).group(1)
    page.goto(seeded["url"] + path_of(manage))
    page.get_by_role("heading", name="Mes alertes").wait_for()
    assert address not in page.content()
    assert_accessible(page)

    # What a mail client does with the RFC 8058 headers: a POST, no cookie, no CSRF token.
    unsubscribe = digest["List-Unsubscribe"].strip().strip("<>")
    response = page.context.request.post(seeded["url"] + path_of(unsubscribe), form={"List-Unsubscribe": "One-Click"})
    assert response.status == 200
    assert not Subscriber.objects.filter(email=address).exists()


def test_a_selection_kept_without_reload_shared_and_opened_logged_out(seeded, page, browser, width):
    page.goto(seeded["url"] + "/admin/login/")
    page.fill("input[name=username]", "lectrice")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(seeded["url"] + "/admin/")
    # the first from a search result, the second from its page
    page.goto(seeded["url"] + "/recherche/?q=maison")
    page.evaluate("window.__sameDocument = true")
    hit = page.locator(".ppi-hit", has_text="Maison de santé de Quincié")
    hit.get_by_role("link", name="Ajouter à ma sélection : Maison de santé de Quincié").click()
    hit.get_by_role("link", name="Retirer de ma sélection : Maison de santé de Quincié").wait_for()
    assert hit.get_by_role("status").inner_text() == "Ajouté à votre sélection."
    assert_accessible(page)
    assert page.evaluate("window.__sameDocument === true")  # no reload
    page.goto(seeded["url"] + "/recherche/?q=navette")
    page.get_by_role("link", name="Navette portuaire de Brest", exact=True).click()
    page.get_by_role("heading", level=1, name="Navette portuaire de Brest").wait_for()
    page.evaluate("window.__sameDocument = true")
    tools = page.locator(".ppi-practice-tools")
    tools.get_by_role("button", name="Ajouter à ma sélection").click()
    tools.get_by_role("button", name="Retirer de ma sélection").wait_for()
    assert page.evaluate("window.__sameDocument === true")
    assert tools.get_by_role("status").inner_text() == "Ajouté à votre sélection."
    page.goto(seeded["url"] + "/ma-selection/")
    entries = page.locator(".ppi-selection-entry h2")
    assert entries.all_inner_texts() == ["Maison de santé de Quincié", "Navette portuaire de Brest"]
    page.get_by_role("button", name="Descendre « Maison de santé de Quincié »").click()
    page.wait_for_function("document.querySelector('.ppi-selection-entry h2').innerText.startsWith('Navette')")
    assert_accessible(page)
    share = page.get_by_label("Lien de partage").input_value()

    anonymous = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    try:
        shared = anonymous.new_page()
        shared.goto(share.replace("http://testserver", seeded["url"]) if share.startswith("http://testserver") else share)
        shared.get_by_role("heading", level=1, name="Une sélection de retours d'expérience").wait_for()
        assert shared.locator(".ppi-selection-entry h2").all_inner_texts() == ["Navette portuaire de Brest", "Maison de santé de Quincié"]
        assert shared.get_by_role("button", name=re.compile("Retirer|Descendre|Monter")).count() == 0
        assert_accessible(shared)
    finally:
        anonymous.close()
    assert page.js_errors == []


def test_print_preview_of_a_practice_page_keeps_facts_and_contact_without_navigation(seeded, page):
    from practices.models import PracticePage

    practice = PracticePage.objects.get(title="Maison de santé de Quincié")
    page.goto(seeded["url"] + practice.url)
    page.emulate_media(media="print")
    for hidden in ("header.fr-header", "footer", ".fr-breadcrumb", ".fr-skiplinks", ".ppi-practice-tools"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.get_by_role("heading", level=1, name="Maison de santé de Quincié").is_visible()
    assert page.get_by_text("Lucie Martin").first.is_visible()


def test_search_overlay_focuses_the_field_and_no_big_screen_hint_on_a_phone(seeded, browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    try:
        phone = context.new_page()
        phone.goto(seeded["url"] + "/")
        phone.locator("#bouton-recherche").click()
        phone.wait_for_function("document.activeElement && document.activeElement.id === 'header-search-input'")
        phone.keyboard.type("santé")
        assert phone.locator("#header-search-input").input_value() == "santé"
        phone.goto(seeded["url"] + "/recherche/?q=sant%C3%A9")
        phone.locator("#nombre-resultats").wait_for()
        assert phone.locator("#aide-filtres").count() == 1 and phone.locator("#aide-filtres").is_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/carte/?thematique=sante", "/donnees/", "/ma-commune/", "/donnees-personnelles/"])
def test_new_and_changed_pages_pass_axe(seeded, page, path):
    page.goto(seeded["url"] + path)
    assert_accessible(page)
