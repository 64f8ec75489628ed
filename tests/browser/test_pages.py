"""Every main page in a real browser: axe-core finds no serious or critical violation, one h1,
a unique title, working skip links, a visible focus, and no horizontal scroll at 375 px."""

import json

import pytest

from .conftest import ARTIFACTS, AXE_SCRIPT, screenshot

# Marked here (not only in conftest) so that pytest-django orders these with the other
# database tests, before any transactional test flushes the database.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = {
    "accueil": "/",
    "recherche": "/recherche/?q=sant%C3%A9",
    "pratique": None,  # the first practice, found at run time
    "thematique": "/pratiques/thematiques/sante/",
    "liste": "/pratiques/",
    "carte": "/carte/",
    "donnees": "/donnees/",
    "mentions-legales": "/mentions-legales/",
    "accessibilite": "/accessibilite/",
    "donnees-personnelles": "/donnees-personnelles/",
    "erreur-404": "/cette-page-n-existe-pas/",
}
BLOCKING = {"serious", "critical"}


def page_url(site, name):
    if PAGES[name] is not None:
        return site["url"] + PAGES[name]
    from practices.models import PracticePage

    practice = PracticePage.objects.live().order_by("path").first()
    return site["url"] + practice.url


def run_axe(page):
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
        }"""
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_page_passes_axe_and_has_a_sound_structure(site, page, name):
    response = page.goto(page_url(site, name))
    assert response.status == (404 if name == "erreur-404" else 200)
    screenshot(page, name)

    violations = run_axe(page)
    (ARTIFACTS / "axe").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe" / f"{name}.json").write_text(json.dumps(violations, ensure_ascii=False, indent=2))
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], json.dumps(blocking, ensure_ascii=False, indent=2)

    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.title().endswith("Partager pour innover") or page.title().startswith("Partager pour innover")
    assert page.js_errors == []


def test_titles_are_unique(site, page):
    titles = {}
    for name in PAGES:
        page.goto(page_url(site, name))
        titles.setdefault(page.title(), []).append(name)
    assert {title: names for title, names in titles.items() if len(names) > 1} == {}


def test_skip_link_is_first_visible_on_focus_and_moves_focus_to_the_content(site, page):
    page.goto(page_url(site, "pratique"))
    page.keyboard.press("Tab")
    focused = page.evaluate("() => ({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})")
    assert focused == {"text": "Contenu", "href": "#contenu"}
    assert page.locator(".fr-skiplinks a[href='#contenu']").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "contenu"
    # the next Tab lands inside the main content, not back in the header
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def focus_indicator(page):
    return page.evaluate(
        """() => {
            // The DSFR draws some focus rings on a pseudo-element (enlarged links, tiles, cards).
            const el = document.activeElement;
            const drawn = (style) => (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
                || (style.boxShadow && style.boxShadow !== "none");
            const visible = [null, "::before", "::after"].some(pseudo => drawn(getComputedStyle(el, pseudo)))
                || [...el.querySelectorAll("*")].some(child => drawn(getComputedStyle(child, "::before")) || drawn(getComputedStyle(child, "::after")));
            return {tag: el.tagName, outline: visible, shadow: false};
        }"""
    )


def test_focus_is_visible_on_every_tab_stop_of_the_home_page(site, page):
    page.goto(site["url"] + "/")
    invisible = []
    for _ in range(25):
        page.keyboard.press("Tab")
        state = focus_indicator(page)
        if state["tag"] == "BODY":
            break
        if not (state["outline"] or state["shadow"]):
            invisible.append(state["tag"] + " " + page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)"))
    assert invisible == []


@pytest.mark.parametrize("name", ["accueil", "recherche", "pratique", "thematique", "carte", "donnees", "accessibilite", "erreur-404"])
def test_no_horizontal_scroll_at_375_px(site, browser, name):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(page_url(site, name))
        width = page.evaluate("() => document.scrollingElement.scrollWidth")
        if name in ("accueil", "recherche", "pratique"):
            screenshot(page, f"mobile-{name}")
        assert width <= 375, f"{name}: the page is {width}px wide"
    finally:
        context.close()


def test_practice_page_prints_the_write_up_without_navigation_or_related_lists(site, page):
    page.goto(page_url(site, "pratique"))
    assert page.locator("section[aria-labelledby=similaires]").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("header.fr-header").is_visible()
    assert not page.locator("footer.fr-footer").is_visible()
    assert not page.locator("section[aria-labelledby=similaires]").is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator("aside", has_text="Commune").is_visible()
    # one column: the key facts come below the story, at full width
    story, facts = page.locator("article > div").first.bounding_box(), page.locator("article > aside").bounding_box()
    assert facts["y"] > story["y"] and abs(facts["width"] - story["width"]) < 2
    (ARTIFACTS / "print").mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "print" / "pratique.pdf"), format="A4")
