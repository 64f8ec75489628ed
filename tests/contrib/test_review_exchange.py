"""The review as the two people live it: the queue, the editor's comment in a banner and in a
French e-mail (delivered by a real SMTP server), the author's answer on resubmission, the
contributor's dashboard."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from practices.models import PracticePage

from .admin_forms import create_form_data, edit_form_data

COMMENT = "Précisez le coût annuel du minibus et qui le finance."
REPLY = "J'ai ajouté le coût (12 000 € par an) et le financement du Département."


def _workflow_action(client, page, action, **data):
    task_state = Page.objects.get(pk=page.pk).current_workflow_state.current_task_state
    return client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]), data)


def _dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def _section(html, marker):
    """The dashboard panel whose id is `marker` (up to the next panel)."""
    start = html.index(f'id="{marker}')
    end = html.find("data-panel>", start + 100)
    return html[start : end if end > 0 else None]


@pytest.mark.django_db
def test_request_changes_banner_reply_and_emails(client, site_tree, contributor, editor, commune, smtp_server):
    index = site_tree["index"]
    # The contributor's dashboard offers to write, and the action opens the form under the index.
    client.force_login(contributor)
    html = _dashboard(client)
    add_url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk])
    assert "Rédiger un retour d&#x27;expérience" in html or "Rédiger un retour d'expérience" in html
    assert f'href="{add_url}"' in html

    data = create_form_data(client, index, commune)
    data["action-submit"] = "action-submit"
    assert client.post(add_url, data).status_code == 302
    page = PracticePage.objects.get(slug="navette-seniors")

    # The editors are told, in French, with the practice named and a link to review it.
    submitted = smtp_server.wait_for(lambda m: editor.email in m["X-Envelope-To"])
    assert "À relire" in submitted["Subject"] and page.title in submitted["Subject"]
    body = smtp_server.text(submitted)
    assert f"/admin/pages/{page.pk}/edit/" in body and "Beaujeu" in body

    # The editor's queue lists it with its author and commune.
    client.force_login(editor)
    queue = _section(_dashboard(client), "awaiting-review")
    assert page.title in queue and "Beaujeu" in queue and "aujourd'hui" in queue

    smtp_server.clear()
    _workflow_action(client, page, "reject", comment=COMMENT)
    html = _dashboard(client)
    assert page.title not in _section(html, "awaiting-review")  # the queue holds only pages to review
    assert page.title in _section(html, "ppi-changes-requested")

    # The author gets the comment by e-mail, and in a banner at the top of the edit page.
    mail = smtp_server.wait_for(lambda m: contributor.email in m["X-Envelope-To"])
    assert "Modifications demandées" in mail["Subject"] and page.title in mail["Subject"]
    assert COMMENT in smtp_server.text(mail) and f"/admin/pages/{page.pk}/edit/" in smtp_server.text(mail)
    client.force_login(contributor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    banner = edit[edit.index("data-ppi-review-banner") :][:3000]
    assert "demande des modifications" in banner and "Précisez le coût annuel du minibus" in banner
    assert 'name="ppi_review_reply"' in banner and 'maxlength="2000"' in banner  # not "2 000" (= 2 characters)
    mine = _section(_dashboard(client), "ppi-my-practices")
    assert "modifications demandées" in mine and "Précisez le coût annuel du minibus" in mine

    # She fixes, answers and resubmits: the editors get the answer; the banner shows it to them.
    smtp_server.clear()
    data = edit_form_data(client, page, budget="48000", ppi_review_reply=REPLY)
    data["action-submit"] = "action-submit"
    assert client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).status_code == 302
    resubmitted = smtp_server.wait_for(lambda m: editor.email in m["X-Envelope-To"])
    assert "Renvoyé en relecture" in resubmitted["Subject"]
    assert REPLY in smtp_server.text(resubmitted) and COMMENT in smtp_server.text(resubmitted)
    assert "en relecture" in _section(_dashboard(client), "ppi-my-practices")

    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "12 000 € par an" in edit[edit.index("data-ppi-review-banner") :][:3000]
    assert page.title in _section(_dashboard(client), "awaiting-review")

    smtp_server.clear()
    _workflow_action(client, page, "approve", comment="")
    page.refresh_from_db()
    assert page.live
    approved = smtp_server.wait_for(lambda m: contributor.email in m["X-Envelope-To"])
    assert "est publié" in approved["Subject"] and page.full_url in smtp_server.text(approved)
    html = _dashboard(client)
    assert page.title not in _section(html, "awaiting-review")
    assert 'id="ppi-changes-requested' not in html
    client.force_login(contributor)
    assert "publié" in _section(_dashboard(client), "ppi-my-practices")


@pytest.mark.django_db
def test_queue_is_oldest_first(client, site_tree, contributor, editor):
    from tests.factories import PracticePageFactory

    workflow = site_tree["index"].get_workflow()
    for title in ("Soumis en premier", "Soumis ensuite"):
        page = PracticePageFactory(parent=site_tree["index"], title=title, owner=contributor)
        page.save_revision(user=contributor)
        workflow.start(page, contributor)
    client.force_login(editor)
    queue = _section(_dashboard(client), "awaiting-review")
    assert queue.index("Soumis en premier") < queue.index("Soumis ensuite")


@pytest.mark.django_db
def test_new_practice_slug_never_collides(client, site_tree, contributor, commune):
    """Two write-ups with the same title: the second gets the commune in its slug, then a number,
    instead of « Le slug … est déjà utilisé »."""
    client.force_login(contributor)
    add_url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", site_tree["index"].pk])
    for _ in range(3):
        response = client.post(add_url, create_form_data(client, site_tree["index"], commune))
        assert response.status_code == 302, response.context["form"].errors
    slugs = sorted(PracticePage.objects.values_list("slug", flat=True))
    assert slugs == ["navette-seniors", "navette-seniors-beaujeu", "navette-seniors-beaujeu-2"]


@pytest.mark.django_db
def test_create_view_has_no_background_autosave(client, site_tree, contributor):
    client.force_login(contributor)
    html = client.get(
        reverse("wagtailadmin_pages:add", args=["practices", "practicepage", site_tree["index"].pk])
    ).content.decode()
    assert "contributions/js/create_without_autosave" in html
