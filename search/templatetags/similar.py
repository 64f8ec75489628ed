"""{% similar_practices page as practices %}: the practice page asks search/ for its neighbours,
so that the domain (practices/) never imports search."""

from django import template

from search.related import similar_practices as find_similar

register = template.Library()


@register.simple_tag
def similar_practices(page, limit=3):
    return find_similar(page, limit=limit)
