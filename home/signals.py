"""Keep the home page's cached key figures true: they change only when a practice goes live or not."""

from django.core.cache import cache
from wagtail.signals import page_published, page_unpublished

from .context import KEY_FIGURES_CACHE_KEY


def forget_key_figures(sender, **kwargs):
    cache.delete(KEY_FIGURES_CACHE_KEY)


def connect():
    from practices.models import PracticePage

    page_published.connect(forget_key_figures, sender=PracticePage, dispatch_uid="home-key-figures-published")
    page_unpublished.connect(forget_key_figures, sender=PracticePage, dispatch_uid="home-key-figures-unpublished")
