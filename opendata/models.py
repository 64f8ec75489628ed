"""Where an imported practice came from, so that re-importing the same file updates the same
draft instead of creating a second one (see opendata/importing.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedPractice(models.Model):
    page = models.OneToOneField(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="import_source", verbose_name=_("retour d'expérience")
    )
    external_id = models.CharField(_("identifiant externe"), max_length=120, unique=True)
    source = models.CharField(_("fichier d'origine"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("importé le"), auto_now=True)

    class Meta:
        db_table = "practices_importedpractice"  # created when the model lived in practices/
        verbose_name = _("retour d'expérience importé")
        verbose_name_plural = _("retours d'expérience importés")

    def __str__(self):
        return self.external_id
