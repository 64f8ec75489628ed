"""Browser tests: Playwright driving Debian's Chromium against a live server.

The whole package shares one seeded database: the demo write-ups (a slice of them, for
speed) are loaded once inside a transaction that is rolled back when the package is done,
so the rest of the suite never sees them. The server thread shares the test's database
connection (as Django's LiveServerTestCase does for SQLite in memory), so it sees that
uncommitted data. Never a browser download: /usr/bin/chromium only.
"""

import os
import random
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

from tests.live_server import live_server_on_this_connection
from tests.site.conftest import demo_communes_dir  # noqa: F401 (a fixture)

ROOT = Path(settings.BASE_DIR)
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DEMO_ROWS = 26  # every theme, similar practices, and more than one page of search results (20)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # Without a django_db mark, pytest-django would not create the test database at all.
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="package")
def browser(chromium_browser):
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm install` (make install does).")
    return chromium_browser


def seed(communes_dir):
    """A slice of the demo content, through seed_demo's own steps."""
    from home.demo.accounts import ensure_author, ensure_demo_accounts
    from home.demo.content import load_demo_rows, taxonomies
    from home.legal_content import LEGAL_PAGES
    from home.management.commands.seed_demo import Command as SeedDemo

    call_command("load_communes", "--data-dir", str(communes_dir), "--no-progress", stdout=open(os.devnull, "w"))
    command = SeedDemo()
    accounts = ensure_demo_accounts()
    home = command.ensure_home()
    index = command.ensure_index(home)
    for slug, title, body in LEGAL_PAGES:
        command.ensure_content_page(home, slug, title, body)
    themes, funders = taxonomies()
    rng = random.Random(2026)
    rows = load_demo_rows()
    # a spread of themes: every fourth row of the demo, then the first ones
    chosen = (rows[::4] + rows)[:DEMO_ROWS]
    featured = []
    for position, row in enumerate(chosen):
        owner = accounts["cheffe"] if position == 0 else ensure_author(row.get("contact"))
        page = command.ensure_practice(index, row, themes, funders, owner, rng)
        if row.get("featured") or position < 3:
            featured.append(page)
    command.ensure_featured(home, featured[:3])
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    return {"home": home, "index": index, "accounts": accounts}


@pytest.fixture(scope="package")
def media_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser-media")
    with override_settings(MEDIA_ROOT=root):  # resets the storage's location too
        yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(autouse=True)
def _media_root(media_root):
    """Overrides the suite's per-test media folder: the seeded images live for the package."""


@pytest.fixture(scope="package")
def site(browser, django_db_setup, django_db_blocker, demo_communes_dir, media_root):  # noqa: F811
    """The live server on the seeded database: yields {"url", "home", "index", "accounts", …}.

    Playwright starts first: its event loop changes which database connection Django hands
    out in this thread, and the seed, the server and the tests must all share one."""
    for url, data in live_server_on_this_connection(django_db_blocker, lambda: seed(demo_communes_dir)):
        yield {**data, "url": url}


@pytest.fixture
def context(browser):
    # bypass_csp: axe-core is injected as an inline script, which the site's CSP rightly forbids
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    # generous: the CI machine is shared and slow; tests wait for states, never for a time
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    return page


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def login(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
