"""The search filters print counts the French way only where a reader sees a large number."""

import re

from django.template.loader import render_to_string


def test_facet_counts_keep_the_thousands_separator_only_when_large():
    group = {
        "key": "thematique", "label": "Thématique", "open": True, "selected_count": 0,
        "values": [
            {"value": "sante", "label": "Santé", "count": 12345, "selected": False},
            {"value": "mobilite", "label": "Mobilité", "count": 999, "selected": False},
        ],
    }
    html = render_to_string("search/includes/facets.html", {"facet_groups": [group], "active_filters": []})
    assert re.search(r"\(12[\s\u202f\xa0]345\)", html), "a large count is grouped as a French reader expects"
    assert "(999)" in html
    assert 'id="filtre-thematique-1"' in html and 'id="filtre-thematique-2"' in html
