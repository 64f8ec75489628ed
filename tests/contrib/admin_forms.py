"""Drive Wagtail's page forms the way a browser does: read the form the admin renders, change
some fields, post it back with the button the person pressed."""

from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from practices.models import Theme

STREAM_FIELDS = ["key_figures", "gallery", "testimony"]


def _form_data(response, form_id):
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id=form_id)
    # StreamFields are rendered by JavaScript: an empty one posts just its count.
    for name in STREAM_FIELDS:
        data.setdefault(f"{name}-count", "0")
    return data


def edit_form_data(client, page, **changes):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    data = _form_data(response, "page-edit-form")
    return _apply(data, changes)


def create_form_data(client, parent, commune, complete=True, **changes):
    response = client.get(reverse("wagtailadmin_pages:add", args=["practices", "practicepage", parent.pk]))
    data = _form_data(response, "page-edit-form")
    values = {"title": "Navette à la demande pour les seniors", "slug": "navette-seniors"}
    if complete:
        values.update(
            summary="Une navette sur réservation relie les hameaux au bourg deux jours par semaine.",
            commune=str(commune.pk),
            programme="pvd",
            themes=[str(Theme.objects.get(slug="mobilite").pk)],
            phase="realise",
            start_year="2022",
            context=rich_text("<p>Des hameaux sans bus.</p>"),
            objectives=rich_text("<p>Rompre l'isolement.</p>"),
            actions=rich_text("<p>Un minibus, deux chauffeurs bénévoles.</p>"),
        )
    values.update(changes)
    return _apply(data, values)


def _apply(data, changes):
    for key, value in changes.items():
        if isinstance(value, list):
            data.setlist(key, value)
        elif value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def is_refused(response):
    """Wagtail answers a forbidden admin action with a redirect to the dashboard and a
    "permission" message, an anonymous visitor with the login page (or a 403 for XHR and some generic views)."""
    if response.status_code == 403:
        return True
    if response.status_code != 302:
        return False
    target = response.url.split("?")[0].rstrip("/")
    return target in {reverse("wagtailadmin_home").rstrip("/"), reverse("wagtailadmin_login").rstrip("/")}
