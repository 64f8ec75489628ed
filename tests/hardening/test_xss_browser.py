"""XSS: every vector of xss_vectors.py, in every contributor-controlled field and in the search
parameters, rendered by Chromium: no dialog opens, the sentinel stays unset, and the browser
reports no CSP violation (a violation would mean escaping failed and only the policy held)."""

import math
from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile

from tests.figures import report
from tests.hardening.conftest import png_bytes
from tests.hardening.xss_vectors import VECTORS
from tests.live_server import live_server_on_this_connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

N = len(VECTORS)
PAGES = math.ceil(N / 2)
MARK = "xssprobe"

# Every field a contributor (or an author's profile) controls and the public site shows.
FIELDS = [
    "title", "seo_title", "search_description", "summary", "context", "objectives", "actions",
    "results", "difficulties", "advice", "transferability", "partners", "image_alt",
    "figure_value", "figure_label", "gallery_alt", "gallery_caption", "quote_text", "quote_author",
    "quote_role", "contact_name", "contact_role", "contact_organisation", "tag", "document_title",
    "image_title", "author_first_name", "author_last_name", "profile_role", "profile_territory",
    "profile_public_contact",
]


def payload(page_no, field_no):
    """Two vectors per field and page; over the PAGES pages each field gets every vector."""
    return f"{VECTORS[(page_no + field_no) % N]} {VECTORS[(page_no + field_no + PAGES) % N]}"


def build_pages():
    from django.contrib.auth import get_user_model
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page, Site

    from contributions.models import ProjectLeadProfile
    from practices.models import PracticePage, Theme
    from practices.models.pages import PracticeAttachment
    from tests.factories import CommuneFactory, HomePageFactory, PracticeIndexPageFactory

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="accueil-xss")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80})
    index = PracticeIndexPageFactory(parent=home)
    commune = CommuneFactory(name="Beaujeu", population=2100)
    sante = Theme.objects.get(slug="sante")
    User = get_user_model()
    urls = []
    for i in range(PAGES):
        v = {name: payload(i, j) for j, name in enumerate(FIELDS)}
        author = User.objects.create_user(
            f"auteur{i}", first_name=v["author_first_name"][:150], last_name=v["author_last_name"][:150]
        )
        ProjectLeadProfile.objects.update_or_create(
            user=author,
            defaults={"role": v["profile_role"], "territory": v["profile_territory"],
                      "public_contact": v["profile_public_contact"]},
        )
        image = Image.objects.create(title=v["image_title"], file=ContentFile(png_bytes(), name=f"xss{i}.png"))
        document = Document.objects.create(
            title=v["document_title"], file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=f"xss{i}.pdf")
        )
        page = PracticePage(
            title=f"{MARK} {i} {v['title']}"[:255], slug=f"xss-{i}", owner=author, commune=commune,
            seo_title=v["seo_title"][:255], search_description=v["search_description"],
            summary=v["summary"], phase="realise", programme="pvd", start_year=2021,
            context=v["context"], objectives=v["objectives"], actions=v["actions"], results=v["results"],
            difficulties=v["difficulties"], advice=v["advice"], transferability=v["transferability"],
            partners=v["partners"], image=image, image_alt=v["image_alt"],
            key_figures=[("figure", {"value": v["figure_value"], "label": v["figure_label"]})],
            gallery=[("image", {"image": image, "alt": v["gallery_alt"], "caption": v["gallery_caption"]})],
            testimony=[("quote", {"text": v["quote_text"], "author": v["quote_author"], "role": v["quote_role"]})],
            contact_name=v["contact_name"][:120], contact_role=v["contact_role"][:160],
            contact_organisation=v["contact_organisation"][:160], contact_public=True,
        )
        index.add_child(instance=page)
        page.themes.set([sante])
        page.tags.add(v["tag"][:100])
        page.attachments.add(PracticeAttachment(document=document))
        page.save_revision().publish()
        urls.append(page.url)
    return {"practice_urls": urls}


@pytest.fixture(scope="module")
def xss_site(django_db_setup, django_db_blocker, module_media):
    yield from live_server_on_this_connection(django_db_blocker, build_pages)


@pytest.fixture(autouse=True)
def _media_root(module_media):
    """The images live for the whole module (overrides the suite's per-test media folder)."""


class Watch:
    """What a page did: dialogs, CSP violations, the sentinel."""

    def __init__(self, context):
        self.dialogs, self.violations, self.findings = [], [], []
        context.add_init_script(
            "window.__csp = [];"
            "document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )

    def attach(self, page):
        def on_dialog(dialog):
            self.dialogs.append((page.url, dialog.message))
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on(
            "console",
            lambda m: self.violations.append((page.url, m.text))
            if m.type == "error" and "Content Security Policy" in m.text else None,
        )

    def check(self, page, label):
        state = page.evaluate("() => [window.__xss || null, window.__csp || []]")
        if state[0] is not None:
            self.findings.append(f"{label}: sentinel set")
        for v in state[1]:
            self.findings.append(f"{label}: CSP violation {v}")


@pytest.fixture
def watched(chromium):
    context = chromium.new_context(locale="fr-FR", java_script_enabled=True)
    context.set_default_timeout(15_000)
    watch = Watch(context)
    page = context.new_page()
    watch.attach(page)
    yield page, watch
    context.close()


def _visit(page, watch, url, label):
    page.goto(url, wait_until="load")
    next_frames(page)  # autofocus, onload and animation handlers have had their turn
    watch.check(page, label)


def next_frames(page):
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def _report(watch, visited):
    problems = watch.findings + [f"dialog on {u}: {m}" for u, m in watch.dialogs]
    problems += [f"console CSP error on {u}: {t[:160]}" for u, t in watch.violations]
    report(f"XSS: {N} vectors, {len(FIELDS)} fields, {visited} pages rendered in Chromium, {len(problems)} executed")
    assert not problems, "\n".join(problems[:30])


def test_vectors_in_contributor_fields_never_run(xss_site, watched):
    base, data = xss_site
    page, watch = watched
    visited = 0
    for i, url in enumerate(data["practice_urls"]):
        _visit(page, watch, base + url, f"practice page {i}")
        visited += 1
    # Lists and cards: home, practice index, theme page, search results with highlights.
    for path in ["/", "/pratiques/", "/pratiques/thematiques/sante/", f"/recherche/?q={MARK}", f"/recherche/?q={MARK}&page=2"]:
        _visit(page, watch, base + path, path)
        visited += 1
    # The autocomplete renders suggestions (titles) from JSON.
    page.goto(base + "/recherche/")
    box = page.locator("input[name=q]").first
    box.fill("")
    box.type(MARK, delay=20)
    page.locator(".ppi-autocomplete [role=option]").first.wait_for(state="attached", timeout=30_000)
    next_frames(page)
    watch.check(page, "autocomplete")
    _report(watch, visited)


def test_vectors_in_search_parameters_never_run(xss_site, watched):
    base, _ = xss_site
    page, watch = watched
    visited = 0
    for i, vector in enumerate(VECTORS):
        other = VECTORS[(i + 1) % N]
        query = urlencode({"q": vector, "thematique": other, "region": other, "tri": other, "page": other})
        _visit(page, watch, f"{base}/recherche/?{query}", f"search {i}")
        visited += 1
    _report(watch, visited)


def test_the_watch_catches_a_script_that_runs(watched):
    """The detector itself: an unescaped vector on a page without CSP is caught."""
    page, watch = watched
    page.set_content(f"<p>{VECTORS[0]}</p><p>{VECTORS[11]}</p>")
    next_frames(page)
    watch.check(page, "self-test")
    assert watch.dialogs and watch.findings == ["self-test: sentinel set"]
