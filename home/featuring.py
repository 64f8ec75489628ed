"""One-click "À la une": an editor puts a published write-up on the home page (or takes it off)
from the page's menu, without opening the home page editor.

The change goes through a new revision of the home page, published at once, so the home page's
history shows who featured what, a later edit of the home page starts from it, and the previous
revision can be restored from that history. If the home page has unpublished changes of its own,
nothing is published behind the editor's back: they are asked to use the home page editor instead.

The rules of home/featuring_rules.py apply: a limit on the number of cases, a photo and a summary
for each. The confirmation screen shows the home page's cases as they will be after the change.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin import messages

from practices.models import PracticePage

from .featuring_rules import featuring_problems, home_limit, limit_message
from .models import HomeFeaturedPractice, HomePage


class FeaturingRefused(Exception):
    """The case cannot go on the home page; the message says why, in French."""


def home_for(practice):
    return HomePage.objects.ancestor_of(practice).first()


def can_feature(user, practice):
    home = home_for(practice)
    return bool(home and practice.live and home.permissions_for_user(user).can_publish())


def is_on_home(practice, home):
    return HomeFeaturedPractice.objects.filter(home=home, practice=practice).exists()


def refusal_reasons(practice, featured_count):
    problems = featuring_problems(practice)
    if featured_count >= home_limit():
        problems.insert(0, limit_message(home_limit()))
    return problems


def featured_after(practice, home, on_home):
    """The home page's cases, in order, as they will be once the editor confirms."""
    items = list(home.get_latest_revision_as_object().featured_practices.all())
    ids = [item.practice_id for item in items if item.practice_id != practice.pk]
    if not on_home:
        ids.append(practice.pk)
    pages = PracticePage.objects.select_related("image", "commune").in_bulk(ids)
    return [pages[pk] for pk in ids if pk in pages]


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
        problems = refusal_reasons(practice, len(items))
        if problems:
            raise FeaturingRefused(" ".join(problems))
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
        try:
            featured = toggle_home_feature(practice, request.user)
        except FeaturingRefused as refusal:
            messages.error(request, str(refusal))
            return redirect(next_url)
        history = messages.button(reverse("wagtailadmin_pages:history", args=[home.pk]), "Historique (pour revenir en arrière)")
        if featured:
            messages.success(
                request, f"« {practice.title} » est à la une de la page d'accueil (en dernière position).", buttons=[history]
            )
        else:
            messages.success(request, f"« {practice.title} » n'est plus à la une de la page d'accueil.", buttons=[history])
        return redirect(next_url)
    refusal = [] if on_home else refusal_reasons(practice, len(featured_after(practice, home, True)))
    return TemplateResponse(
        request,
        "wagtailadmin/featuring/confirm.html",
        {
            "practice": practice, "home": home, "on_home": on_home, "next": next_url,
            "refusal": refusal, "preview": [] if refusal else featured_after(practice, home, on_home), "limit": home_limit(),
        },
        status=409 if refusal else 200,
    )
