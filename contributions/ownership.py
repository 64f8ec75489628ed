"""A write-up belongs to its commune as well as to its author.

Rules (also in the README):
- The owner (Wagtail's page owner) edits the write-up and receives readers' messages and
  follow-up reminders.
- A project lead whose profile names the same commune can take over a write-up of that
  commune in one click (« Reprendre »): the author may have left, the town's experience stays.
- An editor can hand a write-up to any active project lead in one action (« Changer de
  responsable »).
- On a change of owner, a contact that pointed at the former owner is replaced by the new one,
  so readers' messages reach someone who is still there. Each change is in the page history.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.log_actions import log

from practices.models import PracticePage

from .models import ProjectLeadProfile
from .roles import CONTRIBUTORS_GROUP

OWNER_CHANGED = "ppi.owner_changed"


def commune_of(user):
    profile = ProjectLeadProfile.objects.filter(user=user).select_related("commune").first()
    return profile.commune if profile else None


def takeover_candidates(user):
    """Write-ups of the user's commune that someone else owns."""
    commune = commune_of(user)
    if commune is None:
        return []
    return list(PracticePage.objects.filter(commune=commune).exclude(owner=user).select_related("owner").order_by("title"))


def can_take_over(user, page):
    commune = commune_of(user)
    return bool(commune and page.commune_id == commune.pk and page.owner_id != user.pk and user.is_active)


def project_leads():
    return get_user_model().objects.filter(is_active=True, groups__name=CONTRIBUTORS_GROUP).order_by("last_name", "username")


@transaction.atomic
def change_owner(page, new_owner, by):
    """Hand the write-up to `new_owner`, carrying the contact over if it was the former owner's."""
    page = PracticePage.objects.select_for_update().get(pk=page.pk)
    former = page.owner
    page.owner = new_owner
    fields = ["owner"]
    former_email = (former.email if former else "").lower()
    if not page.contact_email or page.contact_email.lower() == former_email:
        page.contact_email = ""  # readers' messages then go to the owner (contact.recipient_for)
        page.contact_name = new_owner.get_full_name() or new_owner.get_username()
        profile = ProjectLeadProfile.objects.filter(user=new_owner).first()
        page.contact_role = profile.role if profile else ""
        fields += ["contact_email", "contact_name", "contact_role"]
    page.save(update_fields=fields, clean=False)
    _carry_into_draft(page, fields, by)
    log(
        instance=page,
        action=OWNER_CHANGED,
        user=by,
        data={"from": former.get_username() if former else "", "to": new_owner.get_username()},
    )
    return page


def _carry_into_draft(page, fields, by):
    """A pending draft keeps its own contact values otherwise, and would bring the old contact back."""
    if not page.has_unpublished_changes or page.latest_revision is None:
        return
    draft = page.latest_revision.as_object()
    for name in fields:
        setattr(draft, name, getattr(page, name))
    revision = page.latest_revision
    revision.content = draft.serializable_data()
    revision.save(update_fields=["content"])
