"""Upload checks for images and documents, on top of Wagtail's own (extension, size, pixels).

Plugged in through WAGTAILIMAGES_IMAGE_FORM_BASE and WAGTAILDOCS_DOCUMENT_FORM_BASE, so they
apply to every upload form of the admin (library, chooser modals, multiple upload). The file's
content decides, not its name: an HTML page renamed .pdf, an SVG renamed .png or a program
renamed .csv is refused with a French message.
"""

import io
import struct
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError
from wagtail.documents.forms import BaseDocumentForm as WagtailBaseDocumentForm
from wagtail.images.forms import BaseImageForm as WagtailBaseImageForm

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
ACTIVE_CONTENT_MARKERS = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<iframe", b"<body")
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa")
OPEN_DOCUMENT_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
OOXML_MAIN_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def _read(uploaded, size=None):
    uploaded.seek(0)
    data = uploaded.read() if size is None else uploaded.read(size)
    uploaded.seek(0)
    return data


def validate_image_file(uploaded):
    """The bytes are a real JPEG/PNG/GIF/WebP image within the pixel limit (no SVG, no bomb)."""
    head = _read(uploaded, 1024).lstrip().lower()
    if head.startswith((b"<svg", b"<?xml", b"<!doctype", b"<html")):
        raise ValidationError("Les images SVG ou HTML ne sont pas acceptées : envoyez une photo JPEG, PNG, GIF ou WebP.")
    max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image_format = image.format
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    f"Cette image est trop grande ({width} × {height} pixels) : réduisez-la sous "
                    f"{max_pixels // 1_000_000} millions de pixels."
                )
            image.verify()
        # verify() checks the structure only; decoding every pixel catches truncated files
        # before Wagtail tries to make a thumbnail of them (the pixel count is bounded above).
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise ValidationError("Cette image est anormalement grande une fois décompressée : elle est refusée.") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError("Ce fichier n'est pas une image lisible (fichier abîmé ou d'un autre type).") from error
    finally:
        uploaded.seek(0)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(f"Le format {image_format} n'est pas accepté : envoyez une image JPEG, PNG, GIF ou WebP.")
    extension = Path(uploaded.name or "").suffix.lower().lstrip(".")
    expected = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}.get(extension)
    if expected and expected != image_format:
        raise ValidationError(f"Le fichier porte l'extension .{extension} mais contient une image {image_format} : renommez-le.")


def validate_document_file(uploaded):
    """The content matches the extension; no HTML, SVG or program whatever the name says."""
    extension = Path(uploaded.name or "").suffix.lower().lstrip(".")
    allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
    if allowed is not None and extension not in allowed:
        raise ValidationError(
            f"Les fichiers .{extension or '?'} ne sont pas acceptés. Formats possibles : {', '.join(allowed)}."
        )
    # The size limit (WAGTAILDOCS_MAX_UPLOAD_SIZE) is checked by Wagtail's own field.
    head = _read(uploaded, 4096)
    if head.startswith(EXECUTABLE_MAGIC):
        raise ValidationError("Ce fichier est un programme : il ne peut pas être déposé.")
    refused = f"Le contenu de ce fichier ne correspond pas à un document .{extension} : il est refusé."
    if extension == "pdf":
        if not head.lstrip(b"\r\n\t \x00\xef\xbb\xbf")[:5] == b"%PDF-":
            raise ValidationError(refused)
    elif extension in OPEN_DOCUMENT_MIMETYPES or extension in OOXML_MAIN_PARTS:
        if not head.startswith(b"PK\x03\x04"):
            raise ValidationError(refused)
        try:
            with zipfile.ZipFile(io.BytesIO(_read(uploaded))) as archive:
                names = set(archive.namelist())
                if extension in OPEN_DOCUMENT_MIMETYPES:
                    ok = "mimetype" in names and archive.read("mimetype").strip() == OPEN_DOCUMENT_MIMETYPES[extension]
                else:
                    ok = "[Content_Types].xml" in names and OOXML_MAIN_PARTS[extension] in names
        except (zipfile.BadZipFile, KeyError, OSError) as error:
            raise ValidationError(refused) from error
        if not ok:
            raise ValidationError(refused)
    elif extension in {"csv", "txt"}:
        if b"\x00" in head:
            raise ValidationError(refused)
        lowered = head.lower()
        if any(marker in lowered for marker in ACTIVE_CONTENT_MARKERS):
            raise ValidationError("Ce fichier texte contient du HTML ou du SVG : il est refusé.")
    uploaded.seek(0)


class ImageForm(WagtailBaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            field.to_python = self._checked(field.to_python)

    @staticmethod
    def _checked(to_python):
        # Our checks run before Wagtail's field reads the image, which would otherwise fail
        # with a server error on a truncated file (its pixel check decodes the picture).
        def wrapped(data):
            if isinstance(data, UploadedFile):
                validate_image_file(data)
            try:
                return to_python(data)
            except (OSError, SyntaxError, struct.error) as error:
                raise ValidationError("Ce fichier n'est pas une image lisible (fichier abîmé ou d'un autre type).") from error

        return wrapped


class DocumentForm(WagtailBaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            validate_document_file(uploaded)
        return uploaded
