"""{% hit_card hit %}: a result of the search page, from its opening <article> to its place and
themes; the commune hints and the selection button follow it in the template (tags of
neighbours/ and selections/, which search/ does not import), then the closing </article>.

Written in Python rather than as an included template: a page shows 20 results, and including
a template per result (a context copy and some forty nodes each) was most of the time spent
rendering the page (issue 15). The HTML is what the included template produced
(tests/search_ui/test_search_page.py)."""

import unicodedata
from html import escape

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.safestring import SafeData, mark_safe

from search.types import Hit

register = template.Library()

PROMOTED = '<li><p class="fr-badge fr-badge--info fr-badge--sm fr-badge--no-icon">Recommandé</p></li>'
FEATURED = '<li><p class="fr-badge fr-badge--new fr-badge--sm">À la une</p></li>'
SEPARATOR = '<span class="ppi-hit__sep" aria-hidden="true">·</span> '
SUMMARY_LENGTH = 260


def _text(value) -> str:
    """A value as {{ value }} shows it (its text, escaped unless marked safe): what Django's
    conditional_escape gives, without its lazy wrapper (a third of the time of a card)."""
    value = str(value)
    return value.__html__() if hasattr(value, "__html__") else escape(value)


def _summary(summary) -> str:
    """truncatechars(summary, SUMMARY_LENGTH). Its count of characters, one by one, combining
    ones left out, was most of the time of a card; a summary whose normalised text (what it
    counts and returns) is no longer than that has nothing to cut and is that text."""
    text = str(summary)
    if not isinstance(text, SafeData):
        normalised = unicodedata.normalize("NFC", text)
        if len(normalised) <= SUMMARY_LENGTH:
            return normalised
    return truncatechars(text, SUMMARY_LENGTH)


@register.simple_tag
def hit_card(hit: Hit) -> str:
    badges = ""
    if hit.promoted or hit.featured:
        badges = (
            '<ul class="fr-badges-group ppi-hit__badges">\n    '
            f"{PROMOTED if hit.promoted else ''}\n    {FEATURED if hit.featured else ''}\n  </ul>"
        )
    extract = _text(hit.highlight) if hit.highlight else _text(_summary(hit.summary))
    place = ""
    if hit.commune:
        place = f'<span class="fr-icon-map-pin-2-line fr-icon--xs" aria-hidden="true"></span> {_text(hit.commune)}'
        if hit.department:
            place += f" ({_text(hit.department)})"
        if hit.region:
            place += f", {_text(hit.region)}"
    phase = f"{SEPARATOR}{_text(hit.phase)}" if hit.phase else ""
    # the year unlocalised: « depuis 2021 », not « depuis 2 021 »
    since = f" depuis {_text(hit.start_year)}" if hit.start_year else ""
    themes = f"{SEPARATOR}{', '.join(_text(theme) for theme in hit.themes)}" if hit.themes else ""
    return mark_safe(  # noqa: S308  every interpolated value is escaped above
        f'<article class="ppi-hit{" ppi-hit--promoted" if hit.promoted else ""}">\n'
        f"  {badges}\n"
        f'  <h3 class="fr-h6 fr-mb-1v ppi-hit__title"><a href="{_text(hit.url)}">{_text(hit.title)}</a></h3>\n'
        f'  <p class="fr-text--sm fr-mb-1v ppi-hit__extract">{extract}</p>\n'
        '  <p class="fr-text--xs fr-mb-0 ppi-hit__meta">\n'
        f"    {place}\n"
        f"    {phase}{since}\n"
        f"    {themes}\n"
        "  </p>\n  "
    )
