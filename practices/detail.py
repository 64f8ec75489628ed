"""What the practice page shows beside its own fields, fetched in a fixed number of queries."""

from .models import (
    Commune,
    PracticeAttachment,
    PracticeFunding,
    PracticeIndexPage,
    PracticeOtherCommune,
)
from .queries import featured_ids, live_practices, mark_featured, with_card_data


def practice_detail_context(page) -> dict:
    if page.commune_id:
        # One query for the commune's département and région instead of three lazy ones.
        page.commune = Commune.objects.select_related("department__region").get(pk=page.commune_id)
    fundings = list(
        PracticeFunding.objects.filter(page=page).select_related("funder").order_by("sort_order")
    )
    attachments = list(
        PracticeAttachment.objects.filter(page=page).select_related("document").order_by("sort_order")
    )
    other_communes = [
        link.commune
        for link in PracticeOtherCommune.objects.filter(page=page).select_related("commune__department").order_by("sort_order")
    ]
    ids = featured_ids()
    author_practices = []
    if page.owner_id:
        author_practices = mark_featured(
            list(with_card_data(live_practices().filter(owner_id=page.owner_id).exclude(pk=page.pk))[:3]), ids
        )
    return {
        "fundings": fundings,
        "attachments": attachments,
        "other_communes": other_communes,
        "themes": list(page.themes.all()),
        "tags": list(page.tags.all()),
        "is_featured": page.pk in ids,
        "author_practices": author_practices,
        "practice_index": PracticeIndexPage.objects.parent_of(page).first(),
    }


