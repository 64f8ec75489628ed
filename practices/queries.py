"""Querysets shared by every page that shows practices, built so that a list of cards costs a
fixed number of queries whatever its length."""

from django.db.models import Prefetch
from wagtail.images import get_image_model

from .models import PracticePage, Theme

CARD_RENDITION = "fill-640x360-c70"


def live_practices():
    return PracticePage.objects.live().public()


def with_card_data(queryset):
    """Everything a practice card shows: commune facts, themes, image rendition."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return queryset.select_related("commune__department__region", "owner").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
        Prefetch("image", queryset=images),
    )


# Models whose rows put a practice forward ("À la une"): each has a `practice` foreign key.
# The site registers its own (the home page's list) from above, so the domain never imports it.
_featured_models: list = []


def register_featured_model(model) -> None:
    if model not in _featured_models:
        _featured_models.append(model)


def featured_models() -> tuple:
    return tuple(_featured_models)


def featured_ids() -> set[int]:
    """Ids of practices editors put forward on the home page or a theme page ("À la une")."""
    ids: set[int] = set()
    for model in _featured_models:
        ids.update(model.objects.values_list("practice_id", flat=True))
    return ids


def mark_featured(practices, ids=None):
    ids = featured_ids() if ids is None else ids
    for practice in practices:
        practice.is_featured = practice.pk in ids
    return practices
