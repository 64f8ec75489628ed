"""What people do on the site, end to end in a real browser: a newcomer reading and writing to
an author, a reader searching and filtering, keyboard-only use of the search."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail

from .conftest import screenshot

# Marked here (not only in conftest) so that pytest-django orders these with the other
# database tests, before any transactional test flushes the database.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def query(url):
    return parse_qs(urlsplit(url).query)


def test_newcomer_reads_a_theme_a_practice_a_similar_one_and_writes_to_the_author(site, page):
    page.goto(site["url"] + "/")
    with page.expect_navigation():
        page.locator(".fr-tile__title a", has_text="Accès aux soins").click()
    assert page.url.endswith("/pratiques/thematiques/sante/")
    assert "Accès aux soins" in page.locator("h1").inner_text()

    with page.expect_navigation():
        page.locator(".fr-card__title a").first.click()
    first_title = page.locator("h1").inner_text()
    assert "/pratiques/" in page.url
    assert page.locator("aside", has_text="Commune").is_visible()
    screenshot(page, "parcours-pratique")

    similar = page.locator("section[aria-labelledby=similaires] .fr-card__title a")
    assert similar.count() >= 1
    with page.expect_navigation():
        similar.first.click()
    second_title = page.locator("h1").inner_text()
    assert second_title != first_title

    contact = page.locator("a", has_text="Écrire à").first
    with page.expect_navigation():
        contact.click()
    assert page.locator("h1").inner_text() == "Écrire à l'auteur"
    assert second_title in page.locator(".fr-text--lead").inner_text()
    page.get_by_label("Votre nom").fill("Léa Durand")
    page.get_by_label("Votre adresse électronique").fill("lea.durand@mairie-exemple.fr")
    page.get_by_label("Votre message").fill("Bonjour, nous lançons un projet semblable : pourriez-vous partager votre cahier des charges ?")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer le message").click()
    assert "Votre message a bien été reçu" in page.locator("h1").inner_text()
    screenshot(page, "parcours-contact-envoye")
    assert len(mail.outbox) == 1
    assert "cahier des charges" in mail.outbox[0].body
    assert mail.outbox[0].reply_to == ["lea.durand@mairie-exemple.fr"]


def result_titles(page):
    return page.locator(".ppi-results > li h3, .ppi-results > li .fr-card__title").all_inner_texts()


def test_search_autocomplete_facets_sort_pagination_back_and_share(site, page, browser):
    page.goto(site["url"] + "/recherche/")
    box = page.locator("#recherche-page-input")
    box.click()
    box.type("sant", delay=40)
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    listbox.locator("[role=option]").first.wait_for()
    suggestion = listbox.locator("[role=option]").first.inner_text()
    assert "sant" in suggestion.lower()
    with page.expect_navigation():
        listbox.locator("[role=option]").first.click()
    assert page.url != site["url"] + "/recherche/"

    # browse everything, then narrow down with two filter values of the same group
    page.goto(site["url"] + "/recherche/")
    total = page.locator("#nombre-resultats").inner_text()
    assert page.locator(".fr-pagination").count() == 1, "more than one page of results expected"
    with page.expect_navigation():
        page.locator(".fr-pagination__link", has_text="2").first.click()
    assert query(page.url).get("page") == ["2"]
    assert len(result_titles(page)) >= 1

    page.goto(site["url"] + "/recherche/")
    themes = page.locator("fieldset[aria-labelledby=legende-thematique] label")
    if themes.count() == 0:
        themes = page.locator(".ppi-filters fieldset").first.locator("label")
    group_button = page.locator(".fr-accordion__btn").first
    if group_button.get_attribute("aria-expanded") == "false":
        group_button.click()
    first_label = themes.nth(0)
    with page.expect_navigation():
        first_label.click()
    after_one = dict(query(page.url))
    second_label = page.locator(".ppi-filters fieldset").first.locator("label").nth(1)
    if not second_label.is_visible():
        page.locator(".fr-accordion__btn").first.click()
    with page.expect_navigation():
        second_label.click()
    after_two = dict(query(page.url))
    (key,) = [k for k in after_one if k not in ("q", "page", "tri")]
    assert len(after_two[key]) == 2, after_two
    filtered_count = page.locator("#nombre-resultats").inner_text()
    assert filtered_count != total

    with page.expect_navigation():
        page.select_option("#tri", index=1)
    sorted_url = page.url
    assert "tri" in query(sorted_url)
    sorted_titles = result_titles(page)
    screenshot(page, "parcours-recherche-filtres")

    page.go_back()
    page.wait_for_load_state()
    assert dict(query(page.url)) == after_two
    checked = page.locator(".ppi-filters input[type=checkbox]:checked")
    assert checked.count() == 2

    # share the URL: someone else opens it and sees the same thing
    other = browser.new_context(locale="fr-FR")
    try:
        shared = other.new_page()
        shared.goto(sorted_url)
        assert shared.locator("#nombre-resultats").inner_text() == filtered_count
        assert result_titles(shared) == sorted_titles
        assert shared.locator(".ppi-filters input[type=checkbox]:checked").count() == 2
    finally:
        other.close()


def test_keyboard_only_search_and_filter(site, page):
    page.goto(site["url"] + "/recherche/")
    page.locator("#recherche-page-input").focus()
    page.keyboard.type("santé")  # no suggestion chosen: Enter searches for the text
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert query(page.url)["q"] == ["santé"]
    before = page.locator("#nombre-resultats").inner_text()

    # Tab to the first filter checkbox, tick it with Space
    for _ in range(80):
        page.keyboard.press("Tab")
        state = page.evaluate("() => ({type: document.activeElement.type, expanded: document.activeElement.getAttribute('aria-expanded'), cls: document.activeElement.className})")
        if "fr-accordion__btn" in (state["cls"] or "") and state["expanded"] == "false":
            page.keyboard.press("Enter")
        if state["type"] == "checkbox":
            break
    assert state["type"] == "checkbox", "no filter reachable with Tab"
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert len(query(page.url)) >= 2
    assert page.evaluate("() => document.activeElement.type") == "checkbox"
    assert page.evaluate("() => document.activeElement.checked")
    assert page.locator("#nombre-resultats").inner_text() != before or page.locator(".fr-tag--dismiss").count() == 1


def test_filters_are_usable_on_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(site["url"] + "/recherche/")
        total = page.locator("#nombre-resultats").inner_text()
        toggle = page.get_by_role("button", name="Filtres")
        assert toggle.is_visible()
        toggle.tap()
        group = page.locator(".fr-accordion__btn").first
        group.wait_for(state="visible")
        if group.get_attribute("aria-expanded") == "false":
            group.tap()
        label = page.locator(".ppi-filters fieldset").first.locator("label").first
        label.wait_for(state="visible")
        label.tap()
        with page.expect_navigation():
            page.get_by_role("button", name="Filtrer").tap()
        assert len(query(page.url)) == 1
        assert page.locator("#nombre-resultats").inner_text() != total
        assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 375
        screenshot(page, "mobile-recherche-filtree")
    finally:
        context.close()
