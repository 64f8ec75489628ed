"""The demo's replication kit: generated PDF documents that pass the upload checks, are attached
to the demo write-ups, listed on their pages and downloaded as PDF."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from contributions.uploads import validate_document_file
from home.demo.documents import pdf_bytes
from practices.models import PracticePage

pytestmark = pytest.mark.django_db


def test_generated_pdf_is_well_formed_and_accepted_by_the_upload_checks():
    data = pdf_bytes("Délibération du conseil municipal de Murat", ["Objet : une navette (seniors) \\ hameaux."] * 40)
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    # every cross-reference entry points at its object
    xref = int(re.search(rb"startxref\n(\d+)", data).group(1))
    entries = data[xref:].split(b"\n")[3:10]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry.split()[0])
        assert data[offset:].startswith(f"{number} 0 obj".encode()), number
    assert b"D\xe9lib\xe9ration" in data  # accents in WinAnsi, not mojibake
    validate_document_file(SimpleUploadedFile("deliberation.pdf", data, content_type="application/pdf"))


def test_seed_demo_attaches_documents_that_readers_download(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_communes", limit=40000, no_progress=True)
    call_command("seed_demo", limit=16, no_progress=True)
    practices = list(PracticePage.objects.live().prefetch_related("attachments__document"))
    with_kit = [p for p in practices if p.attachments.all()]
    assert len(with_kit) >= 15
    kinds = {a.kind for p in with_kit for a in p.attachments.all()}
    assert {"cahier_des_charges", "deliberation", "budget"} <= kinds
    page = with_kit[0]
    html = client.get(page.url).content.decode()
    attachment = page.attachments.all()[0]
    assert attachment.document.title in html
    response = client.get(attachment.document.url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF-") and page.commune.name.encode("latin-1") in body
