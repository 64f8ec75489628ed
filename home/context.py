"""What the home page shows: themes, editors' featured cases, latest practices, key figures,
and practices from communes like the reader's when they stated theirs (cookie)."""

from django.core.cache import cache

from communes.reader import reader_commune
from neighbours.queries import practices_like
from practices.models import PracticeIndexPage, Theme
from practices.queries import featured_ids, live_practices, mark_featured, with_card_data
from search import theme_counts

LATEST_COUNT = 6
KEY_FIGURES_CACHE_SECONDS = 3600
KEY_FIGURES_CACHE_KEY = "home:key_figures"


def key_figures() -> dict:
    """Counts over every live practice; cached because they change only on publish."""
    figures = cache.get(KEY_FIGURES_CACHE_KEY)
    if figures is None:
        practices = live_practices()
        figures = {
            "practices": practices.count(),
            "communes": practices.exclude(commune=None).values("commune").distinct().count(),
            "regions": practices.exclude(commune=None).values("commune__department__region").distinct().count(),
        }
        cache.set(KEY_FIGURES_CACHE_KEY, figures, KEY_FIGURES_CACHE_SECONDS)
    return figures


def home_context(home, request=None) -> dict:
    ids = featured_ids()
    items = list(home.featured_practices.all())
    order = [item.practice_id for item in items]
    blurbs = {item.practice_id: item.blurb for item in items}
    featured = list(with_card_data(live_practices().filter(pk__in=order)))
    featured.sort(key=lambda p: order.index(p.pk))
    for practice in featured:
        practice.blurb = blurbs.get(practice.pk, "")
    latest = list(with_card_data(live_practices().order_by("-first_published_at", "-pk"))[:LATEST_COUNT])
    themes = theme_counts.with_counts(Theme.objects.order_by("sort_order", "name"))
    reader = reader_commune(request) if request is not None else None
    return {
        "reader_commune": reader,
        "practices_like_mine": practices_like(reader) if reader else [],
        "themes": themes,
        "featured_practices": mark_featured(featured, ids),
        "latest_practices": mark_featured(latest, ids),
        "key_figures": key_figures(),
        "practice_index": PracticeIndexPage.objects.live().child_of(home).first(),
    }


def site_plan_context(home) -> dict:
    """Every public page of the site, for the « Plan du site » (RGAA 12.3)."""
    index = PracticeIndexPage.objects.live().child_of(home).first()
    return {
        "practice_index": index,
        "content_pages": list(home.get_children().live().public().exclude(pk=getattr(index, "pk", None)).order_by("title")),
        "themes": list(Theme.objects.order_by("sort_order", "name")),
    }
