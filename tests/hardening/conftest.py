"""Fixtures of the hardening suite (the live server: tests/live_server.py)."""

import io
import shutil

import pytest
from django.conf import settings


def png_bytes(size=(40, 30), color=(0, 0, 145)):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def chromium(chromium_browser):
    return chromium_browser


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    original = settings.MEDIA_ROOT
    root = tmp_path_factory.mktemp("hardening-media")
    settings.MEDIA_ROOT = root
    yield root
    settings.MEDIA_ROOT = original
    shutil.rmtree(root, ignore_errors=True)
