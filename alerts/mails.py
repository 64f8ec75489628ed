"""The e-mails of alerts: the confirmation (double opt-in) and the weekly digest, whose
headers offer the one-click unsubscribe of RFC 8058."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from .tokens import confirm_token, manage_token

SUBJECT_PREFIX = "[Partager pour innover]"


def site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def manage_url(subscriber, token: str | None = None) -> str:
    return site_url() + reverse("alerts:manage", args=[token or manage_token(subscriber)])


def unsubscribe_url(subscriber, token: str | None = None) -> str:
    return site_url() + reverse("alerts:unsubscribe", args=[token or manage_token(subscriber)])


def confirmation(alert) -> EmailMessage:
    context = {
        "alert": alert,
        "confirm_url": site_url() + reverse("alerts:confirm", args=[confirm_token(alert)]),
        "site_url": site_url(),
    }
    return EmailMessage(
        subject=f"{SUBJECT_PREFIX} Confirmez votre alerte",
        body=render_to_string("alerts/confirmation_email.txt", context),
        to=[alert.subscriber.email],
    )


def digest(subscriber, sections: list[dict]) -> EmailMessage:
    """`sections`: [{"alert": Alert, "practices": [{"title", "url", "summary", "place"}]}]."""
    count = len({p["url"] for section in sections for p in section["practices"]})
    token = manage_token(subscriber)  # signed once for both links
    unsubscribe = unsubscribe_url(subscriber, token)
    context = {
        "sections": sections,
        "count": count,
        "manage_url": manage_url(subscriber, token),
        "unsubscribe_url": unsubscribe,
        "site_url": site_url(),
    }
    plural = "x" if count > 1 else ""
    return EmailMessage(
        subject=f"{SUBJECT_PREFIX} {count} nouveau{plural} retour{'s' if count > 1 else ''} d'expérience pour vos alertes",
        body=render_to_string("alerts/digest_email.txt", context),
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
