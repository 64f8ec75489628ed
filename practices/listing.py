"""The browsable list of practices (index page and its theme routes): filter by theme, paginate."""

from django.core.paginator import Paginator

from .models import Theme
from .queries import live_practices, mark_featured, with_card_data

PER_PAGE = 12
PAGES_AROUND_CURRENT = 2


def with_page_links(page):
    """The page numbers django-dsfr's pagination shows: the ends, a few around the current one,
    "…" between (Django's own elision)."""
    page.pages_list = list(page.paginator.get_elided_page_range(page.number, on_each_side=PAGES_AROUND_CURRENT, on_ends=1))
    return page


def practice_listing_context(request, theme: Theme | None = None) -> dict:
    queryset = live_practices()
    themes = list(Theme.objects.all())
    if theme is not None:
        queryset = queryset.filter(themes=theme)
    queryset = with_card_data(queryset.order_by("-first_published_at", "-pk"))
    page = with_page_links(Paginator(queryset, PER_PAGE).get_page(request.GET.get("page")))
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
