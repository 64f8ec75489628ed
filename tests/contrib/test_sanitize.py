"""Hostile HTML from contributors (admin or import) never reaches a reader."""

import pytest

from practices.sanitize import sanitize_rich_text
from tests.factories import PracticePageFactory

HOSTILE = (
    '<p data-block-key="a1" onclick="steal()">Bonjour <script>alert("x")</script>'
    '<a href="javascript:alert(1)">piège</a> <a href="https://anct.gouv.fr" style="color:red">ANCT</a>'
    '<img src="x" onerror="alert(2)"><iframe src="https://evil.example"></iframe></p>'
    '<style>body{display:none}</style><h4>titre</h4><svg><script>alert(3)</script></svg>'
)


def test_only_editor_features_survive():
    clean = sanitize_rich_text(HOSTILE)
    for bad in ("<script", "alert", "onclick", "onerror", "javascript:", "<img", "<iframe", "<style", "style=", "<h4", "<svg"):
        assert bad not in clean
    assert '<a href="https://anct.gouv.fr">ANCT</a>' in clean
    assert clean.startswith('<p data-block-key="a1">Bonjour ')


def test_wagtail_storage_format_round_trips():
    value = (
        '<p data-block-key="k1"><b>Gras</b>, <i>italique</i>, <a linktype="page" id="12">page</a>, '
        '<a linktype="document" id="3">doc</a></p><ul><li data-block-key="k2">un</li></ul>'
    )
    assert sanitize_rich_text(value) == value


@pytest.mark.django_db
def test_hostile_sections_are_stripped_on_save_and_on_display(client, site_tree):
    page = PracticePageFactory(parent=site_tree["index"], context=HOSTILE, objectives='<p>ok<script>x()</script></p>')
    page.refresh_from_db()
    assert "<script" not in page.context and "onclick" not in page.context
    assert page.objectives == "<p>ok</p>"
    html = client.get(page.url).content.decode()
    assert "steal()" not in html and "javascript:alert" not in html and "evil.example" not in html
    assert "ANCT</a>" in html
