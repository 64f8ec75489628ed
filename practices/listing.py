"""The browsable list of practices (index page and its theme routes): filter by theme, paginate."""

from django.core.paginator import Paginator

from .models import Theme
from .queries import live_practices, mark_featured, with_card_data

PER_PAGE = 12


def practice_listing_context(request, theme: Theme | None = None) -> dict:
    queryset = live_practices()
    themes = list(Theme.objects.all())
    if theme is not None:
        queryset = queryset.filter(themes=theme)
    queryset = with_card_data(queryset.order_by("-first_published_at", "-pk"))
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    return {
        "themes": themes,
        "selected_theme": theme,
        "practices": mark_featured(list(page.object_list)),
        "page_obj": page,
        "paginator": page.paginator,
        "result_count": page.paginator.count,
    }


def theme_featured_practices(theme: Theme) -> list:
    """The cases editors put forward on the theme's page, in their order."""
    order = [item.practice_id for item in theme.featured_practices.all()]
    practices = list(with_card_data(live_practices().filter(pk__in=order)))
    practices.sort(key=lambda p: order.index(p.pk))
    return mark_featured(practices, set(order))
