"""{% author_info page as author %}: what the practice page says about its author (profile,
contact form link), without ever exposing an e-mail address."""

from django import template
from django.urls import reverse

from practices.contact import recipient_for
from practices.models import ProjectLeadProfile

register = template.Library()


@register.simple_tag
def author_info(page):
    owner = page.owner
    profile = ProjectLeadProfile.objects.filter(user_id=page.owner_id).first() if page.owner_id else None
    return {
        "name": (owner.get_full_name() or owner.get_username()) if owner else "",
        "role": profile.role if profile else "",
        "territory": profile.territory if profile else "",
        "public_contact": profile.public_contact if profile else "",
        "contact_url": reverse("practices:contact", args=[page.pk]) if page.live and recipient_for(page, profile) else "",
    }
