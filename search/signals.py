"""What a practice page shows beside its own content — its author's other write-ups and the
similar ones, as cards — is computed once per publication, not per view: it is cached under a
generation number that every publish, unpublish, move or deletion of a write-up bumps (any of
them may enter or leave another page's lists), and so does editing what a card shows beside
the write-up: a theme, an image, an "À la une" choice."""

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "search:related:generation"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def invalidate() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _practice_changed(sender, instance=None, **kwargs):
    from practices.models import PracticeIndexPage, PracticePage

    if isinstance(instance, (PracticePage, PracticeIndexPage)):
        invalidate()
        # Again once the index has caught up (the engines index on commit): a view in between
        # must not keep neighbours computed from the old index.
        transaction.on_commit(invalidate)


def _card_content_changed(sender, **kwargs):
    from wagtail.images import get_image_model

    from practices.models import Theme
    from practices.queries import featured_models

    if kwargs.get("raw"):
        return
    if sender is Theme or sender is get_image_model() or sender in featured_models():
        invalidate()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from practices.models import PracticePage

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_practice_changed, dispatch_uid=f"search.related.{id(signal)}")
    post_delete.connect(_practice_changed, sender=PracticePage, dispatch_uid="search.related.deleted")
    # Which models are featuring ones is known only once every app is ready: checked per signal.
    post_save.connect(_card_content_changed, dispatch_uid="search.related.card_saved")
    post_delete.connect(_card_content_changed, dispatch_uid="search.related.card_deleted")
