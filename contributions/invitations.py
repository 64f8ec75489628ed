"""Inviting a project lead: an editor or an administrator types a name and an address; the
account is created in "Chefs de projet" with no usable password, and the person receives a
link to choose their own (Django's password-reset token, Wagtail's set-password page).
Nobody ever types, sends or shares a password."""

import logging

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.admin import messages
from wagtail.admin.utils import get_admin_base_url

from .models import ProjectLeadProfile
from .roles import CONTRIBUTORS_GROUP

logger = logging.getLogger(__name__)
PERMISSION = "contributions.invite_project_lead"


def can_invite(user):
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


class InvitationForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    email = forms.EmailField(
        label="Adresse électronique",
        error_messages={"invalid": "Saisissez une adresse électronique valide, par exemple prenom.nom@mairie.fr."},
    )
    role = forms.CharField(label="Fonction (facultatif)", max_length=160, required=False)
    territory = forms.CharField(label="Commune ou territoire (facultatif)", max_length=160, required=False)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        User = get_user_model()
        if User.objects.filter(email__iexact=email).exists() or User.objects.filter(username__iexact=email).exists():
            raise forms.ValidationError("Un compte existe déjà pour cette adresse : la personne peut utiliser « Mot de passe oublié ».")
        return email


def set_password_url(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("wagtailadmin_password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return get_admin_base_url() + path


def send_invitation(user, inviter):
    context = {"user": user, "inviter": inviter, "url": set_password_url(user), "login_url": get_admin_base_url() + reverse("wagtailadmin_login")}
    EmailMessage(
        subject="Votre compte sur Partager pour innover",
        body=render_to_string("wagtailadmin/invitations/invitation_email.txt", context),
        to=[user.email],
    ).send()


@transaction.atomic
def invite(data, inviter):
    User = get_user_model()
    user = User(username=data["email"], email=data["email"], first_name=data["first_name"], last_name=data["last_name"])
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get(name=CONTRIBUTORS_GROUP))
    ProjectLeadProfile.objects.create(user=user, role=data.get("role", ""), territory=data.get("territory", ""))
    return user


def invite_view(request):
    if not can_invite(request.user):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = invite(form.cleaned_data, request.user)
        try:
            send_invitation(user, request.user)
        except Exception:
            logger.exception("Invitation e-mail to user %s could not be sent", user.pk)
            messages.warning(
                request,
                f"Le compte de {user.get_full_name()} est créé, mais le courriel d'invitation n'a pas pu partir. "
                "Réessayez plus tard depuis cette page ou demandez-lui d'utiliser « Mot de passe oublié ».",
            )
        else:
            messages.success(request, f"Invitation envoyée à {user.get_full_name()} ({user.email}).")
        return redirect("ppi_invitations")
    return TemplateResponse(request, "wagtailadmin/invitations/invite.html", {"form": form})
