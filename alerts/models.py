"""E-mail alerts on a search or a theme: a weekly digest of newly published practices.

An address (Subscriber) is kept only while it has alerts: removing the last alert, or the
one-click unsubscribe, deletes it. An alert counts only once confirmed from the e-mail sent to
the address (double opt-in); unconfirmed ones are deleted after CONFIRMATION_DAYS. Links in
e-mails carry the subscriber's random key, signed (alerts/tokens.py): never the address.
"""

import uuid
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CONFIRMATION_DAYS = 3
DIGEST_INTERVAL = timedelta(days=7)


class Subscriber(models.Model):
    email = models.EmailField(_("adresse électronique"), unique=True)
    key = models.UUIDField(_("clé"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    last_digest_at = models.DateTimeField(_("dernier envoi"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonné aux alertes")
        verbose_name_plural = _("abonnés aux alertes")

    def __str__(self):
        return f"abonné n° {self.pk}"  # the address is never displayed


class Alert(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="alerts")
    # The search page's URL parameters ({"q": "...", "thematique": ["sante"], ...}), as typed:
    # the digest reads them with the search page's own form, so they mean what they meant there.
    query = models.JSONField(_("recherche"))
    label = models.CharField(_("description"), max_length=300)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")

    def __str__(self):
        return self.label

    @property
    def confirmation_expired(self) -> bool:
        return self.confirmed_at is None and self.created_at < timezone.now() - timedelta(days=CONFIRMATION_DAYS)
