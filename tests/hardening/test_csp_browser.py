"""The Content Security Policy breaks nothing: Chromium reports no CSP violation on the public
pages nor in the Wagtail admin (dashboard, explorer, libraries, page editor, live preview),
logged in through the real login form (django-axes in the path)."""

import pytest

from tests.figures import report
from tests.live_server import live_server_on_this_connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "mot-de-passe-de-test-42"


def build():
    from django.contrib.auth import get_user_model
    from wagtail.models import Page, Site

    from tests.factories import HomePageFactory, PracticeIndexPageFactory, PracticePageFactory

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="accueil-csp")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80})
    index = PracticeIndexPageFactory(parent=home)
    practice = PracticePageFactory(parent=index, title="Tiers-lieu numérique de la gare")
    get_user_model().objects.create_superuser("admin-csp", "admin@exemple.fr", PASSWORD)
    return {"practice": practice}


@pytest.fixture(scope="module")
def csp_site(django_db_setup, django_db_blocker, module_media):
    yield from live_server_on_this_connection(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _media_root(module_media):
    """One media folder for the module (overrides the suite's per-test folder)."""


def test_no_csp_violation_on_public_pages_and_in_the_admin(csp_site, chromium):
    base, data = csp_site
    practice = data["practice"]
    context = chromium.new_context(locale="fr-FR")
    context.set_default_timeout(20_000)
    context.add_init_script(
        "window.__csp = [];document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    violations = []
    previews = []
    page.on("response", lambda r: previews.append(r.status) if "/preview/" in r.url and r.request.method == "GET" else None)

    def visit(path):
        page.goto(base + path, wait_until="networkidle")
        violations.extend(f"{path}: {v}" for v in page.evaluate("window.__csp"))

    for path in ["/", practice.url, "/pratiques/", "/recherche/?q=tiers-lieu"]:
        visit(path)
    visit("/admin/login/")
    page.fill("input[name=username]", "admin-csp")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
    for path in ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/", "/admin/snippets/",
                 f"/admin/pages/{practice.pk}/edit/"]:
        visit(path)
    with page.expect_response(lambda r: "/preview/" in r.url and r.request.method == "GET", timeout=60_000):
        page.click("button[data-side-panel-toggle='preview']")
    page.wait_for_load_state("networkidle")  # the preview frame and what it loads
    violations.extend(f"preview: {v}" for v in page.evaluate("window.__csp"))
    context.close()
    report(f"CSP: 10 pages and the live preview in Chromium, {len(violations) + len(console)} violations")
    assert previews and set(previews) == {200}, previews  # the preview did render
    assert not violations and not console, violations + console
