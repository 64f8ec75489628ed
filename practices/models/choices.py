"""Closed lists of the write-up: programme, phase, attachment kinds (town-size bands belong to
the commune reference: communes.models)."""

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


class AttachmentKind(models.TextChoices):
    SPECIFICATIONS = "cahier_des_charges", _("Cahier des charges")
    DELIBERATION = "deliberation", _("Délibération")
    AGREEMENT = "convention", _("Convention")
    JOB_DESCRIPTION = "fiche_de_poste", _("Fiche de poste")
    BUDGET = "budget", _("Budget détaillé")
    OTHER = "autre", _("Autre")
