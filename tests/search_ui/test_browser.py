"""What a person does on the search page, in Debian's Chromium driven by Playwright: the
autocomplete from the keyboard, the filters on a phone, a ticked filter that keeps the query."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.live_server import live_server_on_this_connection

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db,
]


@pytest.fixture
def browser(chromium_browser):
    return chromium_browser


def build_site():
    from wagtail.models import Page, Site

    from tests.factories import (
        CommuneFactory,
        DepartmentFactory,
        HomePageFactory,
        PracticeIndexPageFactory,
        PracticePageFactory,
        RegionFactory,
    )

    home = HomePageFactory(parent=Page.get_first_root_node(), slug="accueil-recherche")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80})
    index = PracticeIndexPageFactory(parent=home)
    rhone = DepartmentFactory(code="69", name="Rhône", region=RegionFactory(code="84", name="Auvergne-Rhône-Alpes"))
    saone = DepartmentFactory(code="71", name="Saône-et-Loire", region=RegionFactory(code="27", name="Bourgogne-Franche-Comté"))
    cluny = CommuneFactory(insee_code="71137", name="Cluny", department=saone, population=4600)
    beaujeu = CommuneFactory(insee_code="69018", name="Beaujeu", department=rhone, population=2100)
    PracticePageFactory(parent=index, title="Navette seniors vers le marché", summary="Un minibus pour les seniors.",
                        commune=cluny, themes=["mobilite"])
    PracticePageFactory(parent=index, title="Maison de santé en centre-bourg", commune=beaujeu, themes=["sante"])
    PracticePageFactory(parent=index, title="Centre de santé municipal", commune=cluny, themes=["sante"])


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, chromium_browser):
    """A live server sharing this thread's connection in a transaction rolled back at the end:
    a flushing live_server would wipe the themes the migrations create for the rest of the suite.
    The run's Chromium (tests/conftest.py) starts first, so that the seed and the tests use one
    and the same connection."""
    for url, _data in live_server_on_this_connection(django_db_blocker, build_site):
        yield url


def test_autocomplete_from_the_keyboard(seeded, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(seeded + "/recherche/")
    box = page.locator("#recherche-page-input")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    box.click()
    box.type("mob", delay=40)
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    listbox.locator("[role=option]", has_text="Mobilité").wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and page.locator("#" + active).get_attribute("aria-selected") == "true"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.input_value() == "mob"
    box.press("ArrowDown")
    assert box.get_attribute("aria-expanded") == "true"
    label = page.locator("#" + box.get_attribute("aria-activedescendant")).inner_text()
    assert "Mobilité" in label
    with page.expect_navigation():
        box.press("Enter")
    assert "mobilite" in page.url


def test_enter_without_a_chosen_suggestion_searches(seeded, browser):
    page = browser.new_page()
    page.goto(seeded + "/")
    box = page.locator("#header-search-input")
    assert box.get_attribute("role") == "combobox"
    box.fill("santé")
    with page.expect_navigation():
        box.press("Enter")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["santé"]
    assert "Maison de santé en centre-bourg" in page.content()


def test_filters_on_a_phone(seeded, browser):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(seeded + "/recherche/?q=sant%C3%A9")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    toggle = page.get_by_role("button", name="Filtres")
    assert toggle.is_visible()
    assert not page.locator("label", has_text="Bourgogne-Franche-Comté").is_visible()
    toggle.click()
    region = page.locator("label", has_text="Bourgogne-Franche-Comté")
    region.wait_for(state="visible")
    region.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Filtrer").click()
    params = parse_qs(urlsplit(page.url).query)
    assert params["q"] == ["santé"] and params["region"] == ["27"]
    assert "Centre de santé municipal" in page.content()
    assert "Maison de santé en centre-bourg" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_ticking_a_filter_on_a_wide_screen_updates_and_keeps_focus(seeded, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(seeded + "/recherche/?q=sant%C3%A9")
    label = page.locator("label", has_text="Auvergne-Rhône-Alpes")
    control_id = label.get_attribute("for")
    with page.expect_navigation():
        label.click()
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"q": ["santé"], "region": ["84"]}
    page.wait_for_function(f"document.activeElement && document.activeElement.id === '{control_id}'")
    assert page.locator("a.fr-tag--dismiss", has_text="Auvergne-Rhône-Alpes").is_visible()
