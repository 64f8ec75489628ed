"""The result card of the search page ({% hit_card %}, written in Python): the markup the
former per-result template produced, every value escaped."""

import random

from django.template.defaultfilters import truncatechars
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from search.templatetags.search_hits import SUMMARY_LENGTH, _summary, _text, hit_card
from search.types import Hit


def test_a_full_card_is_the_dsfr_markup_with_every_value_escaped():
    hit = Hit(
        page_id=7, title="Cour <d'école>", url="/pratiques/cour/?a=1&b=2", summary="ignored",
        highlight=mark_safe("Une <mark>cour</mark> &amp; ses arbres"), featured=True, promoted=True,
        commune="Saint-Jean-d'Arves", department="Savoie (73)", region="Auvergne-Rhône-Alpes",
        themes=["Nature en ville", "Santé & sport"], phase="Réalisé", start_year=2021,
    )
    assert hit_card(hit) == (
        '<article class="ppi-hit ppi-hit--promoted">\n'
        '  <ul class="fr-badges-group ppi-hit__badges">\n'
        '    <li><p class="fr-badge fr-badge--info fr-badge--sm fr-badge--no-icon">Recommandé</p></li>\n'
        '    <li><p class="fr-badge fr-badge--new fr-badge--sm">À la une</p></li>\n'
        "  </ul>\n"
        '  <h3 class="fr-h6 fr-mb-1v ppi-hit__title"><a href="/pratiques/cour/?a=1&amp;b=2">Cour &lt;d&#x27;école&gt;</a></h3>\n'
        '  <p class="fr-text--sm fr-mb-1v ppi-hit__extract">Une <mark>cour</mark> &amp; ses arbres</p>\n'
        '  <p class="fr-text--xs fr-mb-0 ppi-hit__meta">\n'
        '    <span class="fr-icon-map-pin-2-line fr-icon--xs" aria-hidden="true"></span> Saint-Jean-d&#x27;Arves '
        "(Savoie (73)), Auvergne-Rhône-Alpes\n"
        '    <span class="ppi-hit__sep" aria-hidden="true">·</span> Réalisé depuis 2021\n'
        '    <span class="ppi-hit__sep" aria-hidden="true">·</span> Nature en ville, Santé &amp; sport\n'
        "  </p>\n  "
    )


def test_a_bare_card_shows_the_summary_cut_and_escaped():
    card = hit_card(Hit(page_id=0, title="Lien", url="https://example.org/", summary="<b>" + "mot " * 100))
    assert card.startswith('<article class="ppi-hit">\n  \n  <h3')
    assert '<p class="fr-text--sm fr-mb-1v ppi-hit__extract">&lt;b&gt;mot mot' in card
    assert "mot …</p>" in card and len(card.split("ppi-hit__extract\">")[1].split("</p>")[0]) < 280
    assert '<p class="fr-text--xs fr-mb-0 ppi-hit__meta">\n    \n    \n    \n  </p>' in card


def test_summaries_and_values_read_as_the_template_filters_gave_them():
    """_summary is truncatechars and _text conditional_escape (written for speed): the same
    text, cut or not, with combining characters, characters NFC expands, and safe strings."""
    rng = random.Random(2026)
    alphabet = list("ab <>&'\" é") + ["e\u0301", "\u0958", "\u212b", "\U0001d15e", "ﬁ"]
    for _ in range(3_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(SUMMARY_LENGTH - 20, SUMMARY_LENGTH + 20)))
        for value in (text, mark_safe(text)):
            assert _summary(value) == truncatechars(value, SUMMARY_LENGTH), repr(value)
            assert _text(value) == conditional_escape(str(value))
    assert _text(2021) == conditional_escape(str(2021))
