"""What the practice page shows beside its own fields, fetched in a fixed number of queries.

PracticeIndexPage.route already loaded the page with its commune, département, région, image
and author, and left its parent (the index) on it; the author's other write-ups and the similar
ones come from search/ ({% related_practices %}), computed once per publication."""

from .models import (
    PracticeAttachment,
    PracticeFunding,
    PracticeIndexPage,
    PracticeOtherCommune,
)
from .queries import featured_ids


def practice_detail_context(page) -> dict:
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
    parent = page.get_parent()  # no query when routed: the index left itself on the page
    if not isinstance(parent, PracticeIndexPage):
        parent = PracticeIndexPage.objects.parent_of(page).first()
    return {
        "fundings": fundings,
        "attachments": attachments,
        "other_communes": other_communes,
        "themes": list(page.themes.all()),
        "tags": list(page.tags.all()),
        "is_featured": page.pk in featured_ids(),
        "practice_index": parent,
    }
