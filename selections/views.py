"""« Ma sélection »: add or remove a practice (a plain POST form, sent by fetch when scripts
run), reorder, share a read-only link, print. Only logged-in readers have a selection."""

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from . import queries
from .models import Selection

LOGIN_URL = "/admin/login/"


def _back(request, default="/ma-selection/"):
    target = request.POST.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _practice_id(request) -> int:
    raw = request.POST.get("pratique") or ""
    if not raw.isdigit():
        raise Http404("No such practice.")
    return int(raw)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@login_required(login_url=LOGIN_URL)
def toggle(request):
    practice_id = _practice_id(request)
    action = request.POST.get("action")
    if action == "ajouter":
        ok = queries.add(request.user, practice_id)
        selected = ok
        message = "Ajouté à votre sélection." if ok else "Ce retour d'expérience ne peut pas être ajouté (sélection pleine ou page retirée)."
    elif action == "retirer":
        queries.remove(request.user, practice_id)
        ok, selected, message = True, False, "Retiré de votre sélection."
    else:
        ok, selected, message = False, False, "Action inconnue."
    status = 200 if ok else 400
    if _wants_json(request):
        return JsonResponse({"selected": selected, "message": message}, status=status)
    if not ok:
        return render(request, "selections/error.html", {"message": message, "back": _back(request)}, status=status)
    return redirect(_back(request))


@require_safe
@login_required(login_url=LOGIN_URL)
def confirm(request):
    """Without scripts, from a search result (where a form cannot nest): a page whose button
    posts the change."""
    raw = request.GET.get("pratique") or ""
    action = request.GET.get("action")
    practice = queries.live_practices().filter(pk=int(raw)).first() if raw.isdigit() else None
    if practice is None or action not in ("ajouter", "retirer"):
        return render(request, "selections/error.html", {"message": "Ce retour d'expérience est introuvable.", "back": "/recherche/"}, status=404)
    next_url = request.GET.get("next") or practice.url
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = practice.url
    return render(request, "selections/confirm.html", {"practice": practice, "action": action, "next": next_url})


@require_POST
@login_required(login_url=LOGIN_URL)
def move(request):
    offset = {"monter": -1, "descendre": 1}.get(request.POST.get("sens"))
    if offset is None:
        return render(request, "selections/error.html", {"message": "Déplacement inconnu.", "back": "/ma-selection/"}, status=400)
    queries.move(request.user, _practice_id(request), offset)
    return redirect(f"/ma-selection/#pratique-{_practice_id(request)}")


@require_POST
@login_required(login_url=LOGIN_URL)
def new_share_link(request):
    selection = queries.selection_for(request.user)
    selection.share_key = uuid.uuid4()  # the old link stops working
    selection.save(update_fields=["share_key"])
    return redirect("/ma-selection/#partage")


@require_safe
@login_required(login_url=LOGIN_URL)
def my_selection(request):
    selection = queries.selection_for(request.user)
    practices = queries.practices_of(selection)
    share_url = request.build_absolute_uri(f"/selection/{selection.share_key}/")
    return render(
        request,
        "selections/my_selection.html",
        {"selection": selection, "practices": practices, "share_url": share_url, "absolute_base": request.build_absolute_uri("/").rstrip("/")},
    )


@require_safe
def shared(request, key):
    selection = get_object_or_404(Selection, share_key=key)
    practices = queries.practices_of(selection)
    return render(
        request,
        "selections/shared.html",
        {"practices": practices, "absolute_base": request.build_absolute_uri("/").rstrip("/")},
    )
