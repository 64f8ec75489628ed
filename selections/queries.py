"""Reading and changing a selection; every list costs a fixed number of queries."""

from django.db import transaction
from django.db.models import Max

from practices.queries import live_practices, with_card_data

from .models import Selection, SelectionItem

MAX_ITEMS = 100


def selected_ids(request) -> set[int]:
    """Ids of the practices in the logged-in reader's selection, read once per request."""
    if not hasattr(request, "_selected_ids"):
        user = getattr(request, "user", None)
        ids = set()
        if user is not None and user.is_authenticated:
            ids = set(SelectionItem.objects.filter(selection__user=user).values_list("practice_id", flat=True))
        request._selected_ids = ids
    return request._selected_ids


def selection_for(user) -> Selection:
    return Selection.objects.get_or_create(user=user)[0]


def add(user, practice_id: int) -> bool:
    """Add a live public practice at the end; False when it cannot be added."""
    if not live_practices().filter(pk=practice_id).exists():
        return False
    with transaction.atomic():
        selection = selection_for(user)
        items = selection.items.select_for_update()
        if items.filter(practice_id=practice_id).exists():
            return True
        if items.count() >= MAX_ITEMS:
            return False
        last = items.aggregate(last=Max("position"))["last"]
        SelectionItem.objects.create(selection=selection, practice_id=practice_id, position=(last or 0) + 1)
    return True


def remove(user, practice_id: int) -> None:
    SelectionItem.objects.filter(selection__user=user, practice_id=practice_id).delete()


def move(user, practice_id: int, offset: int) -> None:
    """Swap a practice with its neighbour above (-1) or below (+1); positions renumbered."""
    with transaction.atomic():
        items = list(SelectionItem.objects.select_for_update().filter(selection__user=user).order_by("position", "pk"))
        index = next((i for i, item in enumerate(items) if item.practice_id == practice_id), None)
        if index is None or not 0 <= index + offset < len(items):
            return
        items[index], items[index + offset] = items[index + offset], items[index]
        for position, item in enumerate(items, start=1):
            item.position = position
        SelectionItem.objects.bulk_update(items, ["position"])


def practices_of(selection) -> list:
    """The selection's live public practices, in its order, with card data."""
    order = list(selection.items.order_by("position", "pk").values_list("practice_id", flat=True))
    practices = {p.pk: p for p in with_card_data(live_practices().filter(pk__in=order))}
    return [practices[pk] for pk in order if pk in practices]
