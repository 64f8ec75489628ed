"""Querysets shared by every page that shows practices, built so that a list of cards costs a
fixed number of queries whatever its length."""

from django.core.cache import cache
from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.images import get_image_model

from .models import PracticePage, Theme
from .visibility import public

CARD_RENDITION = "fill-640x360-c70"


def live_practices():
    return public(PracticePage.objects.live())


def with_card_data(queryset):
    """Everything a practice card shows: commune facts, image and its card rendition, themes."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_RENDITION)
    return queryset.select_related("commune__department__region", "owner", "image").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
        # the attribute Wagtail's Image.get_rendition() looks in before its cache and the database
        Prefetch("image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
    )


# Models whose rows put a practice forward ("À la une"): each has a `practice` foreign key.
# The site registers its own (the home page's list) from above, so the domain never imports it.
_featured_models: list = []


FEATURED_KEY = "practices:featured-ids"


def forget_featured(**kwargs) -> None:
    cache.delete(FEATURED_KEY)


def register_featured_model(model) -> None:
    if model not in _featured_models:
        _featured_models.append(model)
        # Forgotten before the write too: receivers of the post_ signals (the search index's)
        # may run before this one and must read the new ids.
        uid = f"practices.featured.{model._meta.label_lower}"
        for signal in (pre_save, post_save, pre_delete, post_delete):
            signal.connect(forget_featured, sender=model, dispatch_uid=f"{uid}.{id(signal)}")


def featured_models() -> tuple:
    return tuple(_featured_models)


def featured_ids() -> set[int]:
    """Ids of practices editors put forward on the home page or a theme page ("À la une"):
    cached until a row of a featuring model is saved or deleted (every page shows the marks)."""
    ids = cache.get(FEATURED_KEY)
    if ids is None:
        ids = set()
        for model in _featured_models:
            ids.update(model.objects.values_list("practice_id", flat=True))
        cache.set(FEATURED_KEY, ids, None)
    return set(ids)


def mark_featured(practices, ids=None):
    ids = featured_ids() if ids is None else ids
    for practice in practices:
        practice.is_featured = practice.pk in ids
    return practices
