"""Uploads: only real images and documents whose content matches their name; French messages."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#6a6af4").save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Photo du marché", "file": SimpleUploadedFile(name, content), "collection": "1", "tags": ""},
    )


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Cahier des charges", "file": SimpleUploadedFile(name, content), "collection": "1", "tags": ""},
    )


def office_zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_real_image_is_accepted(client, contributor):
    client.force_login(contributor)
    response = upload_image(client, "marche.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Photo du marché").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', None),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', None),
        ("photo.jpg", b"MZ\x90\x00 this is a program", None),
        ("photo.png", png_bytes()[:60], None),
    ],
    ids=["svg", "svg-renamed-png", "exe-renamed-jpg", "truncated-png"],
)
def test_bad_images_are_refused(client, contributor, name, content, message):
    client.force_login(contributor)
    response = upload_image(client, name, content)
    assert response.status_code == 200
    assert not get_image_model().objects.exists()
    errors = " ".join(response.context["form"].errors["file"])
    assert errors  # Wagtail's or ours, in French
    assert any(word in errors for word in ("image", "Image", "format", "extension", "fichier"))


def test_too_many_pixels_is_refused_in_french(client, contributor, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    client.force_login(contributor)
    response = upload_image(client, "grand.png", png_bytes((100, 100)))
    assert response.status_code == 200
    assert "pixels" in " ".join(response.context["form"].errors["file"])
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("deliberation.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        ("budget.csv", "poste;montant\nmédecins;12000\n".encode()),
        ("convention.docx", office_zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})),
        ("tableau.ods", office_zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})),
    ],
)
def test_real_documents_are_accepted(client, contributor, name, content):
    client.force_login(contributor)
    response = upload_document(client, name, content)
    assert response.status_code == 302, response.context["form"].errors
    assert get_document_model().objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("piege.pdf", b"<html><script>alert(1)</script></html>", "ne correspond pas à un document .pdf"),
        ("notes.txt", b"<!DOCTYPE html><html><body onload=alert(1)>", "contient du HTML ou du SVG"),
        ("liste.csv", b"MZ\x90\x00\x03", "programme"),
        ("convention.docx", b"PK\x03\x04 not really a zip", "ne correspond pas à un document .docx"),
        ("logo.svg", b"<svg/>", "ne sont pas acceptés"),
        ("page.html", b"<html></html>", "ne sont pas acceptés"),
        ("setup.exe", b"MZ\x90\x00", "ne sont pas acceptés"),
    ],
)
def test_bad_documents_are_refused_in_french(client, contributor, name, content, expected):
    client.force_login(contributor)
    response = upload_document(client, name, content)
    assert response.status_code == 200
    assert expected in " ".join(response.context["form"].errors["file"])
    assert not get_document_model().objects.exists()


def test_oversized_document_is_refused(client, contributor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    client.force_login(contributor)
    response = upload_document(client, "gros.pdf", b"%PDF-1.7\n" + b"0" * 500)
    assert "taille de fichier maximale" in " ".join(response.context["form"].errors["file"])
    assert not get_document_model().objects.exists()
