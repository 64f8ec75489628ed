"""Closed lists of the write-up: programme, phase, town-size bands, attachment kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    PVD = "pvd", _("Petites villes de demain")
    ACV = "acv", _("Action cœur de ville")
    FRANCE_SERVICES = "france_services", _("France services")
    VILLAGES_AVENIR = "villages_avenir", _("Villages d'avenir")
    OTHER = "autre", _("Autre")


class Phase(models.TextChoices):
    IDEA = "idee", _("Idée")
    STUDIES = "etudes", _("Études")
    IN_PROGRESS = "en_cours", _("En cours")
    DONE = "realise", _("Réalisé")
    EVALUATED = "evalue", _("Évalué")


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


class AttachmentKind(models.TextChoices):
    SPECIFICATIONS = "cahier_des_charges", _("Cahier des charges")
    DELIBERATION = "deliberation", _("Délibération")
    AGREEMENT = "convention", _("Convention")
    JOB_DESCRIPTION = "fiche_de_poste", _("Fiche de poste")
    BUDGET = "budget", _("Budget détaillé")
    OTHER = "autre", _("Autre")
