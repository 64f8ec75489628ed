"""Hints on search results (« même taille », « même intercommunalité »…) for a reader who
stated their commune: the communes of every hit on the page are read in one query."""

from django import template

from communes.reader import reader_commune
from communes.similarity import hints
from practices.models import PracticePage

register = template.Library()


@register.simple_tag(takes_context=True)
def commune_hints(context, hit) -> list[str]:
    request = context.get("request")
    reader = reader_commune(request) if request is not None else None
    if reader is None:
        return []
    cached = getattr(request, "_hit_communes", None)
    if cached is None:
        ids = [h.page_id for h in context.get("hits") or [] if getattr(h, "page_id", None)]
        pages = PracticePage.objects.filter(pk__in=ids).select_related("commune__department")
        cached = request._hit_communes = {page.pk: page.commune for page in pages}
    return hints(reader, cached.get(hit.page_id))
