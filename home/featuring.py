"""One-click "À la une": an editor puts a published write-up on the home page (or takes it off)
from the page's menu, without opening the home page editor.

The change goes through a new revision of the home page, published at once, so the home page's
history shows who featured what, and a later edit of the home page starts from it. If the home
page has unpublished changes of its own, nothing is published behind the editor's back: they are
asked to use the home page editor instead.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin import messages

from practices.models import PracticePage

from .models import HomeFeaturedPractice, HomePage


def home_for(practice):
    return HomePage.objects.ancestor_of(practice).first()


def can_feature(user, practice):
    home = home_for(practice)
    return bool(home and practice.live and home.permissions_for_user(user).can_publish())


def is_on_home(practice, home):
    return HomeFeaturedPractice.objects.filter(home=home, practice=practice).exists()


def toggle_home_feature(practice, user):
    """Add the practice at the end of the home page's featured cases, or remove it. Returns
    True if it is featured afterwards."""
    home = home_for(practice)
    draft = home.get_latest_revision_as_object()
    items = list(draft.featured_practices.all())
    if any(item.practice_id == practice.pk for item in items):
        items = [item for item in items if item.practice_id != practice.pk]
        featured = False
    else:
        items.append(HomeFeaturedPractice(practice=practice, sort_order=len(items)))
        featured = True
    for order, item in enumerate(items):
        item.sort_order = order
    draft.featured_practices = items
    revision = draft.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    return featured


def feature_view(request, page_id):
    practice = get_object_or_404(PracticePage, pk=page_id)
    if not can_feature(request.user, practice):
        raise PermissionDenied
    home = home_for(practice)
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    next_url = next_url or reverse("wagtailadmin_pages:edit", args=[practice.pk])
    on_home = is_on_home(practice, home)
    if request.method == "POST":
        if home.has_unpublished_changes:
            messages.error(
                request,
                "La page d'accueil a des modifications non publiées : mettez ce cas à la une depuis l'éditeur de la page d'accueil.",
            )
            return redirect(next_url)
        featured = toggle_home_feature(practice, request.user)
        if featured:
            messages.success(request, f"« {practice.title} » est à la une de la page d'accueil (en dernière position).")
        else:
            messages.success(request, f"« {practice.title} » n'est plus à la une de la page d'accueil.")
        return redirect(next_url)
    return TemplateResponse(
        request,
        "wagtailadmin/featuring/confirm.html",
        {"practice": practice, "home": home, "on_home": on_home, "next": next_url},
    )
