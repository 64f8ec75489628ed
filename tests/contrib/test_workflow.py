"""The review workflow end to end, as the people do it in the admin, with the e-mails it sends."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from contributions.roles import WORKFLOW_NAME
from practices.models import PracticePage

from .admin_forms import create_form_data, edit_form_data


def _found_by_search(client, page):
    """The public search page (whatever engine runs it) lists the write-up."""
    response = client.get(reverse("search:search"), {"q": "navette seniors hameaux"})
    assert response.status_code == 200
    return page.url in response.content.decode()


def _task_state_id(page):
    return Page.objects.get(pk=page.pk).current_workflow_state.current_task_state.pk


def _workflow_action(client, page, action, **data):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, _task_state_id(page)])
    return client.post(url, data)


def test_the_index_uses_the_review_workflow(site_tree):
    assert site_tree["index"].get_workflow().name == WORKFLOW_NAME


@pytest.mark.django_db
def test_submit_request_changes_resubmit_approve_unpublish(client, site_tree, contributor, editor, commune):
    # The project lead drafts an incomplete write-up: saved, nothing lost.
    client.force_login(contributor)
    add_url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", site_tree["index"].pk])
    client.post(add_url, create_form_data(client, site_tree["index"], commune, complete=False))
    page = PracticePage.objects.get(slug="navette-seniors")
    assert not page.live and page.owner == contributor

    # Submitting the incomplete draft is refused, with French messages on the fields.
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(client, page)
    data["action-submit"] = "action-submit"
    response = client.post(edit_url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"summary", "commune", "themes", "phase"} <= set(errors)
    assert errors["summary"] == ["« Chapô » est obligatoire pour soumettre le retour d'expérience."]
    assert "context" not in errors  # recommended, not required (README, import)
    assert "thématique" in errors["themes"][0]
    assert not Page.objects.get(pk=page.pk).workflow_in_progress

    # Completed, then submitted: the editors are told by e-mail.
    mail.outbox.clear()
    data = create_form_data(client, site_tree["index"], commune)  # a complete set of values
    complete = edit_form_data(client, page, **{k: data.getlist(k) for k in data if k not in {"slug"}})
    complete["action-submit"] = "action-submit"
    response = client.post(edit_url, complete)
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).workflow_in_progress
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert page.title in mail.outbox[0].subject

    # The editor asks for changes with a comment; the author is told, with the comment.
    client.force_login(editor)
    mail.outbox.clear()
    response = _workflow_action(client, page, "reject", comment="Précisez le coût annuel du minibus.")
    assert response.status_code in (200, 302)
    state = Page.objects.get(pk=page.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert [m.to for m in mail.outbox] == [[contributor.email]]
    body = mail.outbox[0].body + "".join(alt[0] for alt in getattr(mail.outbox[0], "alternatives", []))
    assert "Précisez le coût annuel du minibus." in body
    assert not Page.objects.get(pk=page.pk).live

    # The author edits and resubmits.
    client.force_login(contributor)
    data = edit_form_data(client, page, budget="48000")
    data["action-submit"] = "action-submit"
    assert client.post(edit_url, data).status_code == 302
    assert Page.objects.get(pk=page.pk).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # The editor approves: published, on the site; the author is told.
    client.force_login(editor)
    mail.outbox.clear()
    response = _workflow_action(client, page, "approve", comment="Merci, c'est très clair.")
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live and page.budget == 48000
    assert [m.to for m in mail.outbox] == [[contributor.email]]
    client.logout()
    assert client.get(page.url).status_code == 200
    assert _found_by_search(client, page)

    # Unpublished by the editor: gone from the site.
    client.force_login(editor)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    client.logout()
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url).status_code == 404
    assert not _found_by_search(client, page)


def test_author_cannot_edit_while_in_review_but_can_read(client, site_tree, contributor, editor, commune):
    client.force_login(contributor)
    add_url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", site_tree["index"].pk])
    data = create_form_data(client, site_tree["index"], commune)
    data["action-submit"] = "action-submit"
    client.post(add_url, data)
    page = PracticePage.objects.get(slug="navette-seniors")
    assert page.workflow_in_progress and not page.live
    # Editing while an editor reviews is locked (Wagtail's group approval task locks the page).
    data = edit_form_data(client, page, title="Changé pendant la relecture")
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert page.get_latest_revision_as_object().title != "Changé pendant la relecture"
