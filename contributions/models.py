"""The people behind the write-ups: the project lead's public profile, and the messages readers
send them through the contact form (stored before sending, so none is lost if mail fails)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectLeadProfile(models.Model):
    """What readers see about an author. Kept apart from the user account so that nothing
    private (the e-mail address, the login) is ever needed to display it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_lead_profile", verbose_name=_("utilisateur")
    )
    role = models.CharField(_("fonction"), max_length=160, blank=True, help_text=_("Ex. : « Cheffe de projet Petites villes de demain »."))
    territory = models.CharField(
        _("commune ou territoire"), max_length=160, blank=True, help_text=_("Ex. : « Beaujeu (Rhône) » ou « Communauté de communes Saône-Beaujolais »."),
    )
    public_contact = models.CharField(
        _("contact public (facultatif)"), max_length=200, blank=True,
        help_text=_("Affiché tel quel sur vos retours d'expérience, par exemple le standard de la mairie. "
                    "Votre adresse électronique n'est jamais affichée : les lecteurs vous écrivent par un formulaire."),
    )
    commune = models.ForeignKey(
        "communes.Commune", verbose_name=_("commune de rattachement"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Vous pourrez reprendre les retours d'expérience de cette commune laissés par vos prédécesseurs."),
    )
    accepts_messages = models.BooleanField(
        _("recevoir les messages des lecteurs"), default=True,
        help_text=_("Les messages vous parviennent par courriel, sans que votre adresse soit révélée."),
    )

    class Meta:
        db_table = "practices_projectleadprofile"  # created when the model lived in practices/
        verbose_name = _("profil de chef de projet")
        verbose_name_plural = _("profils de chefs de projet")
        permissions = [("invite_project_lead", _("Peut inviter un chef de projet"))]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


class FollowUpReminder(models.Model):
    """One follow-up e-mail sent (or deliberately skipped) for one milestone of one practice, so
    that the daily command never sends it twice."""

    practice = models.ForeignKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="follow_up_reminders", verbose_name=_("retour d'expérience")
    )
    months = models.PositiveSmallIntegerField(_("mois après la publication"))
    recipient_email = models.EmailField(_("destinataire"), blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["practice", "months"], name="one_follow_up_per_milestone")]
        verbose_name = _("relance de suivi")
        verbose_name_plural = _("relances de suivi")

    def __str__(self):
        return f"{self.practice_id} +{self.months} mois"


class ContactMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("en attente d'envoi")
        SENT = "sent", _("envoyé")
        FAILED = "failed", _("échec de l'envoi")

    practice = models.ForeignKey(
        "practices.PracticePage", on_delete=models.SET_NULL, null=True, related_name="contact_messages", verbose_name=_("retour d'expérience")
    )
    recipient_email = models.EmailField(_("destinataire"))
    sender_name = models.CharField(_("nom"), max_length=120)
    sender_email = models.EmailField(_("courriel de l'expéditeur"))
    sender_organisation = models.CharField(_("collectivité ou organisme"), max_length=160, blank=True)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("reçu le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.PENDING)

    class Meta:
        db_table = "practices_contactmessage"
        ordering = ["-created_at"]
        verbose_name = _("message à un auteur")
        verbose_name_plural = _("messages aux auteurs")

    def __str__(self):
        return f"{self.sender_name} → {self.practice or '—'} ({self.created_at:%d/%m/%Y})"
