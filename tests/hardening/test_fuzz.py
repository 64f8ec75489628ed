"""Fuzzing the public endpoints with hypothesis through Django's test client: whatever the
query string or form body, the answer is never a server error (the client re-raises any
exception a view lets escape, so a crash fails the test too). After the module, every test
that ran must have sent all the requests hypothesis was asked for, and the total is printed."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import PracticePageFactory
from tests.figures import report

COUNT = {}
SETTINGS = settings(
    max_examples=250, deadline=None, database=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "", " ", "\x00", "\x00abc", "%", "%00", "%%", "'", '"', "\\", "*", "?", "-", "--", "+", "~", "^", ":", "/",
    "../../etc/passwd", "' OR 1=1 --", "\" OR \"\"=\"", "santé", "SANTÉ", "sante*", "maison AND santé", "NOT",
    "NEAR(a b)", "\"unterminated", "a\"b\"c", "(", ")", "[]", "{}", "<script>alert(1)</script>", "𝕊𝕒𝕟𝕥é", "🤖",
    "\u202e\u0645\u0631\u062d\u0628\u0627", "\ud7ff", "ﬁ", "İ", "ß", "0", "-1", "1e309", "NaN", "inf", "9" * 40,
    "1.5", "0x10", "a" * 5000, "é" * 300, " ".join(["mot"] * 200), "\t\n\r", "null", "None", "true", "[1,2]",
]
text = st.one_of(st.sampled_from(NASTY), st.text(st.characters(blacklist_categories=("Cs",)), max_size=120))
values = st.one_of(text, st.lists(text, min_size=2, max_size=4))


def params(keys):
    return st.dictionaries(st.one_of(st.sampled_from(keys), text.filter(bool)), values, max_size=6)


def _count(name):
    COUNT[name] = COUNT.get(name, 0) + 1


def _ok(response, name):
    _count(name)
    assert response.status_code < 500, (name, response.status_code)


# Requests each test sends when hypothesis generates its max_examples.
EXPECTED = {"search page": 250, "suggestions": 200, "API v2": 500, "feeds": 120, "contact form": 300}


@pytest.fixture(scope="module", autouse=True)
def _every_test_sent_its_requests():
    yield
    short = {name: (count, EXPECTED[name]) for name, count in COUNT.items() if count < EXPECTED[name]}
    assert not short, f"fewer generated requests than asked for: {short}"
    detail = ", ".join(f"{k}: {v}" for k, v in COUNT.items())
    report(f"Fuzzing: {sum(COUNT.values())} generated requests, no server error ({detail})")


@pytest.fixture
def site(site_tree):
    pages = [PracticePageFactory(parent=site_tree["index"]) for _ in range(3)]
    return {**site_tree, "pages": pages}


SEARCH_KEYS = ["q", "tri", "page", "thematique", "region", "departement", "taille", "programme", "phase",
               "annee", "financeur"]


@SETTINGS
@given(query=params(SEARCH_KEYS))
def test_search_page(client, site, query):
    _ok(client.get("/recherche/", query), "search page")


@settings(SETTINGS, max_examples=200)
@given(q=values, extra=params(["q", "limit", "kind"]))
def test_suggestions(client, site, q, extra):
    _ok(client.get("/recherche/suggestions/", {**extra, "q": q}), "suggestions")


API_KEYS = ["type", "fields", "order", "limit", "offset", "search", "search_operator", "child_of",
            "descendant_of", "ancestor_of", "id", "slug", "locale", "translation_of", "show_in_menus", "format"]


@settings(SETTINGS, max_examples=250)
@given(query=params(API_KEYS), detail=st.one_of(st.none(), st.integers(-5, 10**12), text.filter(lambda t: "/" not in t)))
def test_api(client, site, query, detail):
    path = "/api/v2/pages/" if detail is None else f"/api/v2/pages/{detail}/"
    _ok(client.get(path, query), "API v2")
    _ok(client.get("/api/v2/pratiques/", query), "API v2")


@settings(SETTINGS, max_examples=60)
@given(query=params(["page", "q", "format"]), slug=st.one_of(st.sampled_from(["sante", "mobilite"]), st.from_regex(r"[a-z0-9-]{1,30}", fullmatch=True)))
def test_feeds(client, site, query, slug):
    _ok(client.get("/flux/pratiques.xml", query), "feeds")
    _ok(client.get(f"/thematiques/{slug}/flux.xml", query), "feeds")


CONTACT_KEYS = ["name", "email", "organisation", "body", "site_internet", "csrfmiddlewaretoken"]


@settings(SETTINGS, max_examples=150)
@given(
    data=st.fixed_dictionaries(
        {"name": text, "email": st.one_of(st.emails(), text), "body": st.one_of(text, st.text(min_size=20, max_size=400))},
        optional={"organisation": text, "site_internet": text},
    ).flatmap(lambda d: params(CONTACT_KEYS).map(lambda extra: {**extra, **d})),
    address=st.ip_addresses(v=4).map(str),
    which=st.integers(0, 2),
)
def test_contact_form(client, site, data, address, which):
    page = site["pages"][which]
    _ok(client.post(f"/pratiques/{page.pk}/contact/", data, REMOTE_ADDR=address), "contact form")
    _ok(client.get(f"/pratiques/{page.pk}/contact/", data), "contact form")
