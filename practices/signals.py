"""Receivers connected in PracticesConfig.ready()."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import PracticePage
from .models.sections import SECTION_FIELDS
from .sanitize import sanitize_rich_text


@receiver(pre_save, sender=PracticePage)
def sanitize_sections(sender, instance, **kwargs):
    """Whatever wrote the page (admin, import, shell, a revision being published), the stored
    sections hold only what the rich-text editor can produce."""
    for name in SECTION_FIELDS:
        value = getattr(instance, name, None)
        if value:
            setattr(instance, name, sanitize_rich_text(value))
