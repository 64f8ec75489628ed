"""Fixtures of the hardening suite: a live server for Chromium on a database set up once."""

import io
import os
import shutil

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections, transaction
from django.test.testcases import LiveServerThread, _MediaFilesHandler

# Playwright's sync API runs an event loop in this thread; the ORM calls around it are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def png_bytes(size=(40, 30), color=(0, 0, 145)):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def chromium(chromium_browser):
    return chromium_browser


class _MediaAndStatic(StaticFilesHandler):
    def __init__(self, application):
        super().__init__(_MediaFilesHandler(application))


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    original = settings.MEDIA_ROOT
    root = tmp_path_factory.mktemp("hardening-media")
    settings.MEDIA_ROOT = root
    yield root
    settings.MEDIA_ROOT = original
    shutil.rmtree(root, ignore_errors=True)


def shared_live_server(django_db_blocker, build):
    """A live server thread sharing this thread's connection inside one transaction, rolled
    back at the end (pytest-django's live_server flushes the database instead, which would
    wipe the themes the migrations create for the rest of the suite).

    ``build()`` fills the database; yields (url, built data). The tests using it must carry
    ``pytest.mark.django_db``: pytest-django creates the test database only when some collected
    test asks for one, and would otherwise hand over the real database.
    """
    conn = connections["default"]
    name = str(conn.settings_dict["NAME"])
    assert "memory" in name or "test" in name, f"refusing to seed a non-test database: {name}"
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        real_close = conn.close
        conn.inc_thread_sharing()
        conn.close = lambda: None  # the server closes connections after each request
        try:
            data = build()
            thread = LiveServerThread("localhost", _MediaAndStatic, connections_override={"default": conn}, port=0)
            thread.daemon = True
            thread.start()
            thread.is_ready.wait()
            if thread.error:
                raise thread.error
            try:
                yield f"http://localhost:{thread.port}", data
            finally:
                thread.terminate()
                thread.join(timeout=5)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            conn.close = real_close
            conn.dec_thread_sharing()
