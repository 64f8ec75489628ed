"""The official list of French communes (Etalab), so that place facets are exact.

Names are ambiguous (two "Beaujeu"), so everything refers to a commune by its INSEE code.
A commune déléguée shares its INSEE code with the commune it merged into: the pair
(code, kind) is what is unique.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import size_band_for


class Region(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("région")

    def __str__(self):
        return self.name


class Department(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")

    def __str__(self):
        return f"{self.name} ({self.code})"


class Commune(models.Model):
    class Kind(models.TextChoices):
        CURRENT = "commune-actuelle", _("Commune")
        DELEGATED = "commune-deleguee", _("Commune déléguée")
        ASSOCIATED = "commune-associee", _("Commune associée")
        DISTRICT = "arrondissement-municipal", _("Arrondissement municipal")

    insee_code = models.CharField(_("code INSEE"), max_length=5, db_index=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.CURRENT)
    name = models.CharField(_("nom"), max_length=150, db_index=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="communes")
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    postal_codes = models.JSONField(_("codes postaux"), default=list, blank=True)

    class Meta:
        ordering = ["name", "insee_code"]
        verbose_name = _("commune")
        constraints = [
            models.UniqueConstraint(fields=["insee_code", "kind"], name="unique_commune_code_kind")
        ]

    def __str__(self):
        return f"{self.name} ({self.department.code} · {self.insee_code})"

    @property
    def region(self):
        return self.department.region

    @property
    def size_band(self):
        return size_band_for(self.population)
