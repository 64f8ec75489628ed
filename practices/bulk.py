"""Bulk writes (the demo seed, imports) and Wagtail's reference index.

Wagtail updates its reference index (the admin's « Utilisation » of images, documents,
snippets) by a task after every save of every tracked object. A bulk write saves the same page,
its revisions and its children many times: seeding the 64 demo write-ups ran about 2,000 such
tasks, 140 of the 490 seconds of a test that seeds the demo (profiled on 30 Nov 2026). Inside
`references_indexed_once()` the automatic update is off (Wagtail's own switch for bulk
operations) and each touched object is indexed once, when the block ends.
"""

from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


def _indexed_object(instance):
    """The object whose references Wagtail records for `instance`: a child of a clusterable
    model (ParentalKey) is indexed through its parent, as Wagtail's own task does."""
    while instance is not None:
        keys = [field for field in instance._meta.get_fields() if isinstance(field, ParentalKey)]
        if not keys:
            return instance
        instance = getattr(instance, keys[0].name)
    return None


@contextmanager
def references_indexed_once():
    touched: dict[tuple, None] = {}

    def remember(sender, instance, raw=False, **kwargs):
        if not raw and ReferenceIndex.is_indexed(sender):
            touched[(sender, instance.pk)] = None

    post_save.connect(remember, weak=False, dispatch_uid="practices.bulk.references_indexed_once")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="practices.bulk.references_indexed_once")
    done = set()
    with transaction.atomic():
        for model, pk in touched:
            target = _indexed_object(model._default_manager.filter(pk=pk).first())
            if target is None or (type(target), target.pk) in done:
                continue
            done.add((type(target), target.pk))
            ReferenceIndex.create_or_update_for_object(target)
