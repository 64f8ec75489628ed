"""Whatever lands in the URL, the search page and its JSON endpoint answer with a page a reader
understands (200, or 400 with a French message), never a 500, and never echo markup."""

import json

URL = "/recherche/"
SUGGEST = "/recherche/suggestions/"

HOSTILE = [
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{7*7}}",
    "{% debug %}",
    '"><img src=x onerror=alert(1)>',
    "santé\x00médecin",
    "\x1b[31m\u202eécole",
    "NEAR(santé maison) AND \"x* OR ^",
    "title:santé",
    "%",
    "*",
    "-",
    "\"",
]

BAD_PARAMS = [
    {"page": "-1"},
    {"page": "abc"},
    {"page": "0"},
    {"page": "99999999999999999999999"},
    {"page": "1e3"},
    {"tri": "xyz"},
    {"tri": "<script>"},
    {"thematique": "inconnue"},
    {"thematique": ["sante", "<script>alert(1)</script>"]},
    {"region": "99999"},
    {"departement": "' OR 1=1 --"},
    {"annee": "deux-mille"},
    {"annee": "2021", "taille": "géante"},
    {"financeur": "x" * 5000},
    {"thematique": ["sante"] * 500},
    {"programme": "\x00"},
    {"unknown": "value"},
]


# One test over the whole list (not one per value): building the practices is the slow part.
def test_hostile_queries_are_plain_text(client, practices):
    for q in HOSTILE:
        response = client.get(URL, {"q": q})
        assert response.status_code == 200, q
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html, q
        assert "<img src=x" not in html, q
        assert "\x00" not in html, q
        assert "\u202e" not in html, q


def test_template_syntax_in_the_query_is_not_evaluated(client, practices):
    html = client.get(URL, {"q": "{{7*7}}"}).content.decode()
    assert "{{7*7}}" in html
    assert "« 49 »" not in html


def test_bad_parameters_never_fail(client, practices):
    for params in BAD_PARAMS:
        response = client.get(URL, params)
        assert response.status_code in (200, 400), params
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html, params
        assert "retour" in html, params


def test_a_very_long_query_is_truncated_with_a_notice(client, practices):
    response = client.get(URL, {"q": "maison de santé " * 700})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Votre recherche était trop longue" in html
    assert "200 premiers caractères" in html
    value = html.split('id="recherche-page-input" name="q" value="', 1)[1].split('"', 1)[0]
    assert len(value) <= 200


def test_unknown_facet_values_are_ignored_with_a_notice(client, practices):
    response = client.get(URL, {"thematique": ["sante", "n-existe-pas"], "region": "00"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "ont été ignorés" in html
    assert "thématique" in html.split("ont été ignorés", 1)[1][:80]
    # The known value still applies.
    assert 'value="sante" checked' in html
    assert "Navette seniors" not in html


def test_bad_page_and_sort_fall_back_to_defaults(client, practices):
    response = client.get(URL, {"page": "-1", "tri": "xyz"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="pertinence" selected' in html
    assert 'aria-current="page" title="Page 1"' in html or "Page 1" not in html


def test_post_is_refused_cleanly(client, practices):
    assert client.post(URL, {"q": "santé"}).status_code == 405


def test_suggestions_never_fail(client, practices):
    for q in ["", "m", " ", "x" * 10_000, "<script>alert(1)</script>", "' OR 1=1 --", "\x00\x00", "%_%", "*"]:
        response = client.get(SUGGEST, {"q": q})
        assert response.status_code == 200, q
        data = json.loads(response.content)
        assert isinstance(data["results"], list), q
        assert "<script>" not in response.content.decode(), q
        if len(q.strip()) < 2:
            assert data["results"] == [], q
