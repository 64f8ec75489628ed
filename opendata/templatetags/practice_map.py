from django import template

from opendata.map import map_context

register = template.Library()


@register.inclusion_tag("opendata/map.html")
def france_map(heading_id="titre-carte", compact=False, map=None):
    """The map of départements (see opendata/map.py); `compact` leaves out the table; `map`:
    a context already built (the map page, filtered by a search)."""
    return {"map": map or map_context(), "heading_id": heading_id, "compact": compact}
