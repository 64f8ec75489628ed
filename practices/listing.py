"""The browsable list of practices (index page and theme pages): filter by theme, paginate."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from .models import Theme
from .queries import live_practices, mark_featured, with_card_data

PER_PAGE = 12


def parse_page_number(raw) -> int:
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def practice_listing_context(request, base_queryset=None, theme: Theme | None = None) -> dict:
    queryset = live_practices()
    themes = list(Theme.objects.all())
    selected_theme = theme
    if selected_theme is None:
        slug = request.GET.get("thematique", "")
        selected_theme = next((t for t in themes if t.slug == slug), None)
    if selected_theme is not None:
        queryset = queryset.filter(themes=selected_theme)
    queryset = with_card_data(queryset.order_by("-first_published_at", "-pk"))
    paginator = Paginator(queryset, PER_PAGE)
    try:
        page = paginator.page(parse_page_number(request.GET.get("page")))
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(paginator.num_pages)
    practices = mark_featured(list(page.object_list))
    return {
        "themes": themes,
        "selected_theme": selected_theme,
        "practices": practices,
        "page_obj": page,
        "paginator": paginator,
        "result_count": paginator.count,
    }

