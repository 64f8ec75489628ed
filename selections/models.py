"""« Ma sélection »: the practices a logged-in reader keeps (for a council meeting, a
colleague), in their order, shared read-only by a link that carries a random key."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Selection(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_selection")
    share_key = models.UUIDField(_("clé de partage"), default=uuid.uuid4, unique=True)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)

    class Meta:
        verbose_name = _("sélection")
        verbose_name_plural = _("sélections")

    def __str__(self):
        return f"Sélection n° {self.pk}"


class SelectionItem(models.Model):
    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="items")
    practice = models.ForeignKey("practices.PracticePage", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(_("position"), default=0)
    added_at = models.DateTimeField(_("ajouté le"), default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["selection", "practice"], name="unique_practice_per_selection")]
        verbose_name = _("retour d'expérience sélectionné")
        verbose_name_plural = _("retours d'expérience sélectionnés")

    def __str__(self):
        return f"{self.selection} · {self.practice_id}"
