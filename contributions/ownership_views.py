"""« Reprendre » (a project lead of the same commune) and « Changer de responsable » (an editor)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from practices.models import PracticePage

from .dashboard import is_editor
from .ownership import can_take_over, change_owner, project_leads


@require_POST
def take_over_view(request, page_id):
    page = get_object_or_404(PracticePage.objects.select_related("owner"), pk=page_id)
    if not can_take_over(request.user, page):
        raise PermissionDenied
    change_owner(page, request.user, by=request.user)
    messages.success(request, f"Vous êtes désormais responsable de « {page.title} » : il apparaît dans vos retours d'expérience.")
    return redirect("wagtailadmin_home")


class ReassignForm(forms.Form):
    owner = forms.ModelChoiceField(
        queryset=project_leads(), label="Nouveau responsable",
        error_messages={"required": "Choisissez un chef de projet.", "invalid_choice": "Ce chef de projet n'existe pas ou n'est plus actif."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = project_leads()
        self.fields["owner"].label_from_instance = lambda user: f"{user.get_full_name() or user.get_username()} ({user.get_username()})"


def reassign_view(request, page_id):
    if not is_editor(request.user):
        raise PermissionDenied
    page = get_object_or_404(PracticePage.objects.select_related("owner"), pk=page_id)
    form = ReassignForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            new_owner = form.cleaned_data["owner"]
            change_owner(page, new_owner, by=request.user)
            name = new_owner.get_full_name() or new_owner.get_username()
            messages.success(request, f"« {page.title} » est désormais sous la responsabilité de {name}.")
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        return TemplateResponse(request, "wagtailadmin/ownership/reassign.html", {"page": page, "form": form}, status=400)
    return TemplateResponse(request, "wagtailadmin/ownership/reassign.html", {"page": page, "form": form})
