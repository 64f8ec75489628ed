"""{% facet_checkboxes group %}: the checkboxes of one facet group of the search page.

Written in Python rather than as a template loop: a results page lists 150–300 facet values,
and the template engine's per-variable cost made this loop a third of the page's time
(issue 15). The HTML is what the loop produced (tests/search_ui/test_search_page.py)."""

from django import template
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.types import FacetValue

register = template.Library()

ROW = (
    '\n              <div class="fr-fieldset__element fr-mb-1v">\n'
    '                <div class="fr-checkbox-group fr-checkbox-group--sm">\n'
    '                  <input type="checkbox" name="{key}" id="filtre-{key}-{n}" value="{value}"{checked} data-autosubmit>\n'
    '                  <label class="fr-label" for="filtre-{key}-{n}">{label}&nbsp;'
    '<span class="ppi-facet-count">({count})</span></label>\n'
    "                </div>\n"
    "              </div>\n"
    "              "
)


@register.simple_tag
def facet_checkboxes(group: dict) -> str:
    key = escape(group["key"])
    rows = []
    for n, value in enumerate(group["values"], start=1):
        if isinstance(value, dict):  # a FacetValue, or its fields (as the template took them)
            value = FacetValue(**value)
        # a count a reader sees from 1 000 up keeps the French thousands separator
        count = value.count if value.count < 1000 else escape(localize(value.count, use_l10n=True))
        rows.append(ROW.format(key=key, n=n, value=escape(value.value), checked=" checked" if value.selected else "",
                               label=escape(value.label), count=count))
    return mark_safe("".join(rows))  # noqa: S308  every interpolated value is escaped above
