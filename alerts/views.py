"""Subscribing to an alert, confirming it, managing one's alerts, unsubscribing.

No page ever shows an address: the subscription page answers the same whether the address was
known or not, and the management pages are reached by signed links sent to the address.
Subscriptions are rate-limited per address and per IP (cache counters, like the contact form).
"""

import logging

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.http import client_ip

from . import mails
from .models import Alert, Subscriber
from .searches import describe, normalise, search_url
from .tokens import read_confirm_token, read_manage_token

logger = logging.getLogger(__name__)

PER_ADDRESS_LIMIT = getattr(settings, "ALERTS_RATE_LIMIT_PER_ADDRESS", 5)
PER_IP_LIMIT = getattr(settings, "ALERTS_RATE_LIMIT_PER_IP", 20)
WINDOW_SECONDS = getattr(settings, "ALERTS_RATE_WINDOW_SECONDS", 24 * 3600)
MAX_ALERTS_PER_ADDRESS = 20
HONEYPOT_FIELD = "site_internet"


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Votre adresse électronique",
        max_length=254,
        help_text="Format attendu : nom@domaine.fr. Elle ne sert qu'à vous envoyer ces alertes.",
        error_messages={
            "required": "Indiquez l'adresse électronique à laquelle recevoir les alertes.",
            "invalid": "Saisissez une adresse électronique valide, par exemple nom@domaine.fr.",
            "max_length": "Cette adresse est trop longue.",
        },
    )


def _over_limit(key: str, limit: int) -> bool:
    return cache.get(key, 0) >= limit


def _count(key: str) -> None:
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW_SECONDS)


def _search_state(request) -> dict:
    source = request.POST if request.method == "POST" else request.GET
    return normalise(source)


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    state = _search_state(request)
    hidden = [(key, value) for key, values in state.items() for value in (values if isinstance(values, list) else [values])]
    context = {"label": describe(state), "hidden": hidden, "search_url": search_url(state), "honeypot_field": HONEYPOT_FIELD}
    if request.method != "POST":
        context["form"] = SubscribeForm()
        return render(request, "alerts/subscribe.html", context)
    form = SubscribeForm(request.POST)
    context["form"] = form
    ip_key = f"alerts:ip:{client_ip(request)}"
    if _over_limit(ip_key, PER_IP_LIMIT):
        context["rate_limited"] = True
        return render(request, "alerts/subscribe.html", context, status=429)
    if request.POST.get(HONEYPOT_FIELD):
        _count(ip_key)  # a robot: answer like a success, keep and send nothing
        return render(request, "alerts/check_your_mailbox.html", context)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", context, status=400)
    email = form.cleaned_data["email"].strip().lower()
    address_key = f"alerts:address:{email}"
    if _over_limit(address_key, PER_ADDRESS_LIMIT):
        context["rate_limited"] = True
        return render(request, "alerts/subscribe.html", context, status=429)
    _count(ip_key)
    _count(address_key)
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(email=email)
        if subscriber.alerts.count() < MAX_ALERTS_PER_ADDRESS:
            alert = Alert.objects.create(subscriber=subscriber, query=state, label=context["label"])
        else:
            alert = None
    if alert is not None:
        try:
            mails.confirmation(alert).send()
        except Exception:  # the reader is told to retry; the pending alert expires by itself
            logger.exception("Alert confirmation e-mail could not be sent")
            context["send_failed"] = True
            return render(request, "alerts/subscribe.html", context, status=503)
    # Same answer whether the address was known, new or full: the page reveals nothing.
    return render(request, "alerts/check_your_mailbox.html", context)


def _invalid_link(request):
    return render(request, "alerts/invalid_link.html", status=404)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners open links: only a person's POST confirms)."""
    data = read_confirm_token(token)
    alert = None
    if data is not None:
        alert = Alert.objects.select_related("subscriber").filter(pk=data["a"], subscriber__key=data["s"]).first()
    if alert is None:
        return _invalid_link(request)
    if request.method == "POST" and alert.confirmed_at is None:
        alert.confirmed_at = timezone.now()
        alert.save(update_fields=["confirmed_at"])
    context = {"alert": alert, "manage_url": mails.manage_url(alert.subscriber)}
    return render(request, "alerts/confirm.html", context)


def _subscriber(token):
    key = read_manage_token(token)
    return Subscriber.objects.filter(key=key).first() if key else None


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = _subscriber(token)
    if subscriber is None:
        return _invalid_link(request)
    removed = None
    if request.method == "POST":
        alert = subscriber.alerts.filter(pk=request.POST.get("alerte") or 0).first() if (request.POST.get("alerte") or "").isdigit() else None
        if alert is not None:
            removed = alert.label
            alert.delete()
        if not subscriber.alerts.exists():
            subscriber.delete()  # no alert left: the address goes too
            return render(request, "alerts/unsubscribed.html")
    alerts = [
        {"alert": alert, "search_url": search_url(alert.query)}
        for alert in subscriber.alerts.all()
    ]
    return render(request, "alerts/manage.html", {"alerts": alerts, "removed": removed, "token": token})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without any token of ours
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscriber = _subscriber(token)
    if request.method == "POST":
        if subscriber is not None:
            subscriber.delete()  # the address and every alert
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Désinscription effectuée.\n", content_type="text/plain; charset=utf-8")
        return render(request, "alerts/unsubscribed.html")
    if subscriber is None:
        return render(request, "alerts/unsubscribed.html")
    return render(request, "alerts/unsubscribe.html", {"token": token})
