"""{% breadcrumb current="…" parent_url="…" parent_title="…" %}: django-dsfr's breadcrumb
component, fed from a template (its own tag takes a dict, which templates cannot build)."""

from django import template

register = template.Library()


@register.inclusion_tag("dsfr/breadcrumb.html")
def breadcrumb(current, parent_url="", parent_title=""):
    links = [{"url": parent_url, "title": parent_title}] if parent_url else []
    return {"self": {"id": "fil-ariane", "links": links, "current": current}}
