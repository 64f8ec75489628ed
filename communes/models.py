"""The official list of French communes (Etalab), so that place facets are exact.

Names are ambiguous (two "Beaujeu"), so everything refers to a commune by its INSEE code.
A commune déléguée shares its INSEE code with the commune it merged into: the pair
(code, kind) is what is unique.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeBand(models.TextChoices):
    UNDER_2500 = "lt2500", _("Moins de 2 500 habitants")
    FROM_2500 = "2500-5000", _("De 2 500 à 5 000 habitants")
    FROM_5000 = "5000-10000", _("De 5 000 à 10 000 habitants")
    FROM_10000 = "10000-20000", _("De 10 000 à 20 000 habitants")
    OVER_20000 = "gte20000", _("20 000 habitants et plus")


# Lower bound (inclusive) of each band, in ascending order.
SIZE_BAND_BOUNDS = [
    (0, SizeBand.UNDER_2500),
    (2500, SizeBand.FROM_2500),
    (5000, SizeBand.FROM_5000),
    (10000, SizeBand.FROM_10000),
    (20000, SizeBand.OVER_20000),
]


def size_band_for(population: int | None) -> str | None:
    if population is None:
        return None
    band = None
    for lower, value in SIZE_BAND_BOUNDS:
        if population >= lower:
            band = value
    return band


class Region(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        db_table = "practices_region"  # created when the model lived in practices/
        ordering = ["name"]
        verbose_name = _("région")

    def __str__(self):
        return self.name


class Department(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")

    class Meta:
        db_table = "practices_department"
        ordering = ["code"]
        verbose_name = _("département")

    def __str__(self):
        return f"{self.name} ({self.code})"


class Epci(models.Model):
    """An intercommunalité (établissement public de coopération intercommunale à fiscalité
    propre): communes of one EPCI share services and projects, so their practices travel well."""

    code = models.CharField(_("SIREN"), max_length=9, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=10, blank=True)  # CC, CA, CU, METRO, MET69

    class Meta:
        ordering = ["name"]
        verbose_name = _("intercommunalité")
        verbose_name_plural = _("intercommunalités")

    def __str__(self):
        return self.name


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
    epci = models.ForeignKey(
        Epci, verbose_name=_("intercommunalité"), null=True, blank=True, on_delete=models.SET_NULL, related_name="communes"
    )

    class Meta:
        db_table = "practices_commune"
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
