import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.mail_server"]

CHROMIUM = "/usr/bin/chromium"  # Debian's package: never a browser downloaded by a test tool
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads and renditions into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    from search import vocabulary

    # the search vocabulary is kept in memory: a rolled-back test's words must not leak
    cache.clear()
    vocabulary.invalidate()
    yield
    cache.clear()
    vocabulary.invalidate()


@pytest.fixture
def site_tree(db):
    """The page tree of the real site: a home page as the default site's root, the practice index."""
    from wagtail.models import Page, Site

    from tests.factories import HomePageFactory, PracticeIndexPageFactory

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="accueil")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80})
    index = PracticeIndexPageFactory(parent=home)
    from contributions.roles import grant_page_permissions

    grant_page_permissions(index)  # the groups' page permissions and the review workflow
    return {"home": home, "index": index}


@pytest.fixture(scope="session")
def chromium_browser():
    """One Playwright and one Chromium for the whole run: Playwright's sync API runs an event loop
    in the main thread and cannot be started twice at once, so every browser test shares this."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install chromium`, see .ci/run).")
    # The test thread keeps making plain synchronous database calls while that loop exists.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pytest_terminal_summary(terminalreporter):
    from tests.figures import FIGURES

    if FIGURES:
        terminalreporter.section("measured figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
