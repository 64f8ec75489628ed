"""Readers write to the author of a write-up without ever learning the address.

The message is stored first (ContactMessage), then mailed with the reader's address as Reply-To:
if the mail server is down the message waits in the database, and the reader is told it was
received. Spam is held back by a honeypot field and by a per-IP limit, per write-up and overall.
"""

import logging
import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core.http import client_ip
from practices.models import PracticePage

from .models import ContactMessage, ProjectLeadProfile

logger = logging.getLogger(__name__)

# n messages per window: per IP for one write-up, and per IP whatever the write-up.
PER_PRACTICE_LIMIT = getattr(settings, "CONTACT_RATE_LIMIT_PER_PRACTICE", 3)
PER_IP_LIMIT = getattr(settings, "CONTACT_RATE_LIMIT_PER_IP", 10)
WINDOW_SECONDS = getattr(settings, "CONTACT_RATE_WINDOW_SECONDS", 3600)
HONEYPOT_FIELD = "site_internet"


def single_line(value):
    """A name or an organisation is one line: a line break or another control character could
    fake lines in the e-mail sent to the author."""
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value or ""):
        raise forms.ValidationError("Ce champ tient sur une ligne : retirez les retours à la ligne et caractères de contrôle.")


class ContactForm(forms.Form):
    name = forms.CharField(label="Votre nom", max_length=120, validators=[single_line])
    email = forms.EmailField(
        label="Votre adresse électronique",
        help_text="L'auteur vous répondra à cette adresse. Format attendu : nom@domaine.fr",
        error_messages={"invalid": "Saisissez une adresse électronique valide, par exemple nom@domaine.fr."},
    )
    organisation = forms.CharField(
        label="Votre collectivité ou organisme (facultatif)", max_length=160, required=False, validators=[single_line]
    )
    body = forms.CharField(
        label="Votre message",
        max_length=5000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Présentez-vous en deux lignes et posez vos questions : budget, partenaires, calendrier…",
        error_messages={"min_length": "Votre message est trop court (au moins %(limit_value)d caractères)."},
    )
    # Invisible to people (hidden by CSS and from assistive technologies); bots fill it in.
    site_internet = forms.CharField(label="Ne pas remplir ce champ", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.setdefault("required", "Ce champ est obligatoire.")
            field.error_messages["required"] = f"« {field.label} » est obligatoire."

    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))


def _hit(key):
    """Count one use of `key` in the current window; return the count including this one."""
    if cache.add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def _over_limit(request, practice):
    ip = client_ip(request)
    per_practice = cache.get(f"contact:{practice.pk}:{ip}", 0)
    per_ip = cache.get(f"contact:ip:{ip}", 0)
    return per_practice >= PER_PRACTICE_LIMIT or per_ip >= PER_IP_LIMIT


def _count(request, practice):
    ip = client_ip(request)
    _hit(f"contact:{practice.pk}:{ip}")
    _hit(f"contact:ip:{ip}")


_UNKNOWN = object()


def recipient_for(practice, profile=_UNKNOWN):
    """The address messages go to: the write-up's contact, else its owner; never displayed. A
    contact whose account was deactivated (the person left) no longer receives anything: the
    current owner does (see ownership.py)."""
    if practice.contact_email and not _left(practice.contact_email):
        return practice.contact_email
    owner = practice.owner
    if owner is None or not owner.email or not owner.is_active:
        return ""
    if profile is _UNKNOWN:
        profile = ProjectLeadProfile.objects.filter(user=owner).first()
    if profile is not None and not profile.accepts_messages:
        return ""
    return owner.email


def _left(email):
    users = get_user_model().objects.filter(email__iexact=email)
    return users.exists() and not users.filter(is_active=True).exists()


def _practice(page_id):
    practice = get_object_or_404(PracticePage.objects.live().public().select_related("owner"), pk=page_id)
    if not recipient_for(practice):
        raise Http404("This write-up has no one to write to.")
    return practice


def _send(message: ContactMessage, practice, request=None):
    practice_url = request.build_absolute_uri(practice.url) if request is not None else practice.full_url
    context = {"message": message, "practice": practice, "practice_url": practice_url}
    mail = EmailMessage(
        subject=f"[Partager pour innover] Message à propos de « {practice.title} »",
        body=render_to_string("contributions/contact_email.txt", context),
        to=[message.recipient_email],
        reply_to=[message.sender_email],
    )
    try:
        mail.send()
    except Exception:
        logger.exception("Contact message %s could not be sent; it is kept for a later attempt", message.pk)
        message.status = ContactMessage.Status.FAILED
        message.save(update_fields=["status"])
        return
    message.status = ContactMessage.Status.SENT
    message.sent_at = timezone.now()
    message.save(update_fields=["status", "sent_at"])


@require_http_methods(["GET", "POST"])
def contact_author(request, page_id):
    practice = _practice(page_id)
    context = {"practice": practice, "honeypot_field": HONEYPOT_FIELD}
    if request.method == "POST":
        if _over_limit(request, practice):
            context["form"] = ContactForm(request.POST)
            context["rate_limited"] = True
            return render(request, "contributions/contact.html", context, status=429)
        form = ContactForm(request.POST)
        if form.is_spam():
            # Answer like a success so that the robot learns nothing; keep and send nothing.
            _count(request, practice)
            return redirect("contributions:contact_sent", page_id=practice.pk)
        if form.is_valid():
            _count(request, practice)
            message = ContactMessage.objects.create(
                practice=practice,
                recipient_email=recipient_for(practice),
                sender_name=form.cleaned_data["name"],
                sender_email=form.cleaned_data["email"],
                sender_organisation=form.cleaned_data["organisation"],
                body=form.cleaned_data["body"],
            )
            _send(message, practice, request)
            return redirect("contributions:contact_sent", page_id=practice.pk)
    else:
        form = ContactForm()
    context["form"] = form
    return render(request, "contributions/contact.html", context)


def contact_sent(request, page_id):
    practice = _practice(page_id)
    return render(request, "contributions/contact_sent.html", {"practice": practice})


def send_pending_messages() -> tuple[int, int]:
    """Retry the messages a mail failure left behind; return (sent, still failing)."""
    sent = failed = 0
    waiting = ContactMessage.objects.exclude(status=ContactMessage.Status.SENT).select_related("practice")
    for message in waiting:
        if message.practice is None:
            continue
        _send(message, message.practice)
        if message.status == ContactMessage.Status.SENT:
            sent += 1
        else:
            failed += 1
    return sent, failed
