"""Documents of unpublished write-ups are not public: anonymous readers get a 404 until a live
page uses the document; a project lead's chooser lists their own uploads and public documents,
not other towns' drafts."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from contributions.roles import CONTRIBUTORS_GROUP, EDITORS_GROUP
from practices.models import PracticeAttachment
from tests.contrib.conftest import make_user
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db
PASSWORD = "motdepasse-de-test"


def document(title, owner=None):
    return Document.objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=f"{title}.pdf"), uploaded_by_user=owner
    )


@pytest.fixture
def people(site_tree):
    return {
        "cheffe": make_user("cheffe", CONTRIBUTORS_GROUP),
        "autre": make_user("autre.cheffe", CONTRIBUTORS_GROUP),
        "editrice": make_user("editrice", EDITORS_GROUP),
    }


def attach(page, doc, publish):
    page.attachments.add(PracticeAttachment(document=doc, kind="budget"))
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def test_a_draft_document_is_private_until_the_write_up_is_published(client, site_tree, people):
    cheffe = people["cheffe"]
    draft = PracticePageFactory(parent=site_tree["index"], owner=cheffe)
    draft.unpublish()
    doc = document("budget-brouillon", owner=cheffe)
    attach(draft.specific, doc, publish=False)

    assert client.get(doc.url).status_code == 404  # anonymous
    client.login(username="autre.cheffe", password=PASSWORD)
    assert client.get(doc.url).status_code == 404  # another project lead
    client.login(username="cheffe", password=PASSWORD)
    assert client.get(doc.url).status_code == 200  # its uploader
    client.login(username="editrice", password=PASSWORD)
    assert client.get(doc.url).status_code == 200  # the editor reviewing it
    client.logout()

    draft.specific.get_latest_revision().publish()
    response = client.get(doc.url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_a_document_added_in_a_draft_of_a_live_page_waits_for_publication(client, site_tree, people):
    live = PracticePageFactory(parent=site_tree["index"], owner=people["cheffe"])
    doc = document("convention", owner=people["cheffe"])
    attach(live, doc, publish=False)
    assert client.get(doc.url).status_code == 404
    live.get_latest_revision().publish()
    assert client.get(doc.url).status_code == 200


def test_the_chooser_lists_own_and_public_documents_only(client, site_tree, people):
    mine = document("mon-cahier-des-charges", owner=people["cheffe"])
    theirs = document("cahier-autre-ville", owner=people["autre"])
    public = document("deliberation-publique", owner=people["autre"])
    attach(PracticePageFactory(parent=site_tree["index"], owner=people["autre"]), public, publish=True)

    client.login(username="cheffe", password=PASSWORD)
    html = client.get("/admin/documents/chooser/").content.decode()
    assert mine.title in html and public.title in html
    assert theirs.title not in html
    client.login(username="editrice", password=PASSWORD)
    assert theirs.title in client.get("/admin/documents/chooser/").content.decode()
