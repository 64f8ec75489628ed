"""{% related_practices page as related %}: the practice page asks search/ for its author's other
write-ups and its neighbours (related.author, related.similar: grids of cards rendered once per
publication), so that the domain (practices/) never imports search."""

from django import template

from search.related import related_practices as find_related

register = template.Library()


@register.simple_tag
def related_practices(page, limit=3):
    return find_related(page, limit=limit)
