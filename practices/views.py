from django.shortcuts import get_object_or_404, render

from .listing import practice_listing_context
from .models import Theme
from .queries import live_practices, mark_featured, with_card_data


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    context = practice_listing_context(request, theme=theme)
    featured = [item.practice_id for item in theme.featured_practices.all()]
    featured_practices = list(with_card_data(live_practices().filter(pk__in=featured)))
    featured_practices.sort(key=lambda p: featured.index(p.pk))
    context.update(theme=theme, featured_practices=mark_featured(featured_practices, set(featured)))
    return render(request, "practices/theme_page.html", context)
