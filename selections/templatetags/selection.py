"""The « Ajouter à ma sélection » button: a plain POST form (works without scripts), sent by
fetch when static/js/selection.js runs. The script tag is written once per page."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from selections.queries import selected_ids

register = template.Library()


@register.inclusion_tag("selections/button.html", takes_context=True)
def selection_button(context, practice, compact=False, in_form=False):
    """`practice`: a PracticePage or a search hit (page_id, title). `in_form`: the button sits
    inside another form (the search page's), where a form cannot nest: a link to a
    confirmation page instead, sent by fetch when scripts run."""
    request = context.get("request")
    practice_id = getattr(practice, "page_id", None) or practice.pk
    user = getattr(request, "user", None)
    logged_in = user is not None and user.is_authenticated
    first = logged_in and not getattr(request, "_selection_script_done", False)
    if first:
        request._selection_script_done = True
    return {
        "practice_id": practice_id,
        "title": practice.title,
        "logged_in": logged_in,
        "selected": logged_in and practice_id in selected_ids(request),
        "next": request.get_full_path() if request is not None else "/",
        "compact": compact,
        "in_form": in_form,
        "script": format_html(
            '<script src="{}" defer nonce="{}"></script>', static("js/selection.js"), getattr(request, "csp_nonce", "")
        )
        if first
        else "",
        "csrf_token": context.get("csrf_token"),
    }
