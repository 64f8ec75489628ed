"""{% author_info page as author %}: what the practice page says about its author (profile,
contact form link), without ever exposing an e-mail address."""

from django import template
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse

from contributions.contact import recipient_for

register = template.Library()


def _owner_with_profile(page):
    """The owner and their profile: already loaded with the page when it was routed
    (PracticeIndexPage.route), else in one query (the page would otherwise take two)."""
    if not page.owner_id:
        return None, None
    if page._state.fields_cache.get("owner") is not None:
        owner = page.owner
    else:
        owner = get_user_model().objects.select_related("project_lead_profile").filter(pk=page.owner_id).first()
        page.owner = owner
    try:
        profile = owner.project_lead_profile if owner else None
    except ObjectDoesNotExist:
        profile = None
    return owner, profile


@register.simple_tag
def author_info(page):
    owner, profile = _owner_with_profile(page)
    return {
        "name": (owner.get_full_name() or owner.get_username()) if owner else "",
        "role": profile.role if profile else "",
        "territory": profile.territory if profile else "",
        "public_contact": profile.public_contact if profile else "",
        "contact_url": reverse("contributions:contact", args=[page.pk]) if page.live and recipient_for(page, profile) else "",
    }
