"""Fixtures of the hardening suite (the live server: tests/live_server.py)."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

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


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A database file migrated once (by `manage.py migrate` in a subprocess, as an operator
    would) for the tests that run commands on a new site: copy it, never write to it."""
    var_dir = tmp_path_factory.mktemp("migrated")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "OPENSEARCH"))}
    env.update(DJANGO_SETTINGS_MODULE="kb.settings.test", KB_VAR_DIR=str(var_dir))
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=Path(__file__).resolve().parents[2],
                   env=env, check=True, timeout=600)
    return var_dir / "db.sqlite3"
