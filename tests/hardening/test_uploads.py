"""Hostile uploads, through every upload path of the admin (library form, multiple upload,
chooser modal): refused with a French message, never a server error, and nothing stored —
no Image/Document row and no new file under MEDIA_ROOT. The checks themselves live in
practices/uploads.py (tests/contrib/test_uploads.py covers the accepted cases)."""

import functools
import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

FRENCH = ("image", "fichier", "refus", "accept", "trop", "pixels", "format", "programme", "Ko", "Mo", "taille")


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_declaring(width, height, rows=16):
    """A tiny PNG whose header declares width × height one-bit pixels: a decompression bomb
    (a few hundred bytes that would decode to gigabytes)."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(row * rows, 9)) + _chunk(b"IEND", b"")


@functools.cache
def noisy_png(size):
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG")
    return buffer.getvalue()


SVG_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>'

BAD_IMAGES = {
    "oversize (12 MB > 10 MB)": ("grande.png", None),  # built in the test: above WAGTAILIMAGES_MAX_UPLOAD_SIZE
    "over the pixel limit (8000 × 8000)": ("vue.png", png_declaring(8000, 8000)),
    "decompression bomb (60000 × 60000)": ("bombe.png", png_declaring(60000, 60000)),
    "PDF named .jpg": ("rapport.jpg", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"),
    "HTML named .png": ("page.png", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    "program named .gif": ("jeu.gif", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64),
    "SVG with script": ("logo.svg", SVG_SCRIPT),
    "SVG with script named .png": ("logo.png", SVG_SCRIPT),
    "SVG behind an XML prolog named .webp": ("logo.webp", b'<?xml version="1.0"?>' + SVG_SCRIPT),
    "truncated PNG": ("coupee.png", noisy_png((64, 64))[:300]),
    "GIF header then HTML": ("anim.gif", b"GIF89a<html><script>alert(1)</script></html>"),
}

BAD_DOCUMENTS = {
    "HTML named .pdf": ("bilan.pdf", b"<html><body><script>alert(1)</script></body></html>"),
    "SVG named .txt": ("notes.txt", SVG_SCRIPT),
    "program named .docx": ("cahier.docx", b"MZ\x90\x00" + b"\x00" * 64),
    "zip that is not a document named .xlsx": ("budget.xlsx", b"PK\x03\x04" + b"\x00" * 40),
    "executable extension": ("outil.exe", b"MZ\x90\x00"),
}


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def editor(client, site_tree, django_user_model):
    user = django_user_model.objects.create_superuser("edition", "edition@anct.gouv.fr", "x")
    client.force_login(user)
    return user


def _image_content(name, content):
    if content is None:
        content = noisy_png((2000, 2000))  # ~12 MB of incompressible pixels
    return content


def _post_image(client, path, name, content):
    upload = SimpleUploadedFile(name, content)
    if path == "library":
        return client.post(reverse("wagtailimages:add"), {"title": "Photo", "file": upload, "collection": "1", "tags": ""})
    if path == "multiple":
        return client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload, "collection": "1"},
                           headers={"x-requested-with": "XMLHttpRequest"})
    return client.post(reverse("wagtailimages_chooser:create"), {"image-chooser-upload-title": "Photo",
                       "image-chooser-upload-file": upload, "image-chooser-upload-collection": "1",
                       "image-chooser-upload-tags": ""})


def _post_document(client, path, name, content):
    upload = SimpleUploadedFile(name, content)
    if path == "library":
        return client.post(reverse("wagtaildocs:add"), {"title": "Bilan", "file": upload, "collection": "1", "tags": ""})
    if path == "multiple":
        return client.post(reverse("wagtaildocs:add_multiple"), {"files[]": upload, "collection": "1"},
                           headers={"x-requested-with": "XMLHttpRequest"})
    return client.post(reverse("wagtaildocs_chooser:create"), {"document-chooser-upload-title": "Bilan",
                       "document-chooser-upload-file": upload, "document-chooser-upload-collection": "1",
                       "document-chooser-upload-tags": ""})


def _assert_refused_in_french(response):
    assert response.status_code < 500
    text = response.content.decode("utf-8", "replace")
    assert response.status_code != 302, "the upload was accepted"
    assert '"success": true' not in text.replace(" ", " ")
    assert any(word in text for word in FRENCH), text[:500]


@pytest.mark.parametrize("path", ["library", "multiple", "chooser"])
@pytest.mark.parametrize("case", list(BAD_IMAGES), ids=list(BAD_IMAGES))
def test_hostile_images_are_refused_and_nothing_is_stored(client, editor, settings, path, case):
    name, content = BAD_IMAGES[case]
    content = _image_content(name, content)
    images, files = get_image_model().objects.count(), media_files(settings)
    response = _post_image(client, path, name, content)
    _assert_refused_in_french(response)
    assert get_image_model().objects.count() == images
    assert media_files(settings) == files


@pytest.mark.parametrize("path", ["library", "multiple", "chooser"])
@pytest.mark.parametrize("case", list(BAD_DOCUMENTS), ids=list(BAD_DOCUMENTS))
def test_hostile_documents_are_refused_and_nothing_is_stored(client, editor, settings, path, case):
    name, content = BAD_DOCUMENTS[case]
    documents, files = get_document_model().objects.count(), media_files(settings)
    response = _post_document(client, path, name, content)
    _assert_refused_in_french(response)
    assert get_document_model().objects.count() == documents
    assert media_files(settings) == files


def test_an_oversize_document_is_refused_and_nothing_is_stored(client, editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10_000
    documents, files = get_document_model().objects.count(), media_files(settings)
    response = _post_document(client, "library", "gros.pdf", b"%PDF-1.4\n" + b"0" * 20_000)
    _assert_refused_in_french(response)
    assert get_document_model().objects.count() == documents and media_files(settings) == files


def test_a_real_image_still_goes_through(client, editor, settings):
    """The control case: the same paths accept a genuine photo, so the refusals above mean something."""
    from tests.hardening.conftest import png_bytes

    response = _post_image(client, "library", "marche.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1
    assert any(f.startswith("original_images/") for f in media_files(settings))
