"""Receivers connected in PracticesConfig.ready()."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import PracticePage
from .page_forms import RICH_TEXT_SECTIONS
from .sanitize import sanitize_rich_text


@receiver(pre_save, sender=PracticePage)
def sanitize_sections(sender, instance, **kwargs):
    """Whatever wrote the page (admin, import, shell, a revision being published), the stored
    sections hold only what the rich-text editor can produce."""
    for name in RICH_TEXT_SECTIONS:
        value = getattr(instance, name, None)
        if value:
            setattr(instance, name, sanitize_rich_text(value))
