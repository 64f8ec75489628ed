from django import template

from opendata.map import map_context

register = template.Library()


@register.inclusion_tag("opendata/map.html")
def france_map(heading_id="titre-carte", compact=False):
    """The map of départements (see practices/map.py); `compact` leaves out the table."""
    return {"map": map_context(), "heading_id": heading_id, "compact": compact}
