"""Production settings, security headers, admin login lockout, documents and uploaded originals."""

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.figures import report

ROOT = Path(__file__).resolve().parents[2]


def _production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_"))}
    env.update(DJANGO_SETTINGS_MODULE="kb.settings.production", SECRET_KEY=secrets.token_urlsafe(64))
    env.update(ALLOWED_HOSTS="example.org", **extra)
    return env


def test_check_deploy_has_no_warning():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=_production_env(), capture_output=True, text=True, timeout=120,
    )
    report(f"check --deploy: {result.stdout.strip()}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("key", ["short", "s" * 60, "ab" * 40])
def test_production_refuses_a_weak_secret_key(key):
    env = _production_env(SECRET_KEY=key)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


PRODUCTION_PROBE = r"""
import django
django.setup()
from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.test.utils import override_settings
from django.urls import path
from django.views.decorators.csrf import ensure_csrf_cookie

# The production middleware stack and settings, in front of a view that needs no database.
urlpatterns = [path("", ensure_csrf_cookie(lambda request: HttpResponse("ok")))]
override_settings(ROOT_URLCONF=__name__).enable()
c = Client()
r = c.get("/", secure=True, HTTP_HOST="example.org")
print("STATUS", r.status_code)
for name in ("Strict-Transport-Security", "Content-Security-Policy"):
    print(name.upper(), r.get(name))
for morsel in r.cookies.values():
    print("COOKIE", morsel.key, "secure" if morsel["secure"] else "insecure")
print("SESSION_COOKIE_SECURE", settings.SESSION_COOKIE_SECURE)
r = c.get("/", HTTP_HOST="example.org")
print("PLAIN", r.status_code, r.get("Location"))
"""


def test_production_sends_hsts_secure_cookies_and_redirects_to_https():
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE], cwd=ROOT, env=_production_env(), capture_output=True, text=True, timeout=120
    )
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert "STATUS 200" in out
    assert "STRICT-TRANSPORT-SECURITY max-age=31536000; includeSubDomains; preload" in out
    assert "upgrade-insecure-requests" in out
    assert "COOKIE csrftoken secure" in out
    assert "SESSION_COOKIE_SECURE True" in out
    assert "PLAIN 301 https://example.org/" in out


def test_production_workers_share_the_default_cache(tmp_path):
    """What one worker forgets on publish (key figures, labels), every worker forgets."""
    env = _production_env(KB_VAR_DIR=str(tmp_path))
    code = "import django; django.setup(); from django.core.cache import cache; {}"
    writer = subprocess.run(
        [sys.executable, "-c", code.format("cache.set('figures', 64, 600)")], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert writer.returncode == 0, writer.stderr
    reader = subprocess.run(
        [sys.executable, "-c", code.format("print('SEEN', cache.get('figures'))")], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert "SEEN 64" in reader.stdout, reader.stdout + reader.stderr


PUBLIC_PATHS = ["/", "/recherche/?q=sant%C3%A9", "/page-qui-n-existe-pas/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_responses_carry_security_headers(client, site_tree, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    if response.status_code == 200:
        nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)
        html = response.content.decode()
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert scripts, "the DSFR scripts are on every page"
        for tag in scripts:
            assert f'nonce="{nonce}"' in tag, tag
            assert "src=" in tag, f"inline script: {tag}"


@pytest.mark.django_db
def test_each_response_gets_a_fresh_nonce(client, site_tree):
    first = client.get("/")["Content-Security-Policy"]
    second = client.get("/")["Content-Security-Policy"]
    assert re.search(r"'nonce-", first) and first != second


@pytest.mark.django_db
def test_admin_has_its_own_policy_and_can_frame_its_previews(client, site_tree):
    response = client.get("/admin/login/")
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp
    assert "object-src 'none'" in csp


# --- Login lockout -------------------------------------------------------------------------------

@pytest.fixture
def editor(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("edition", "edition@anct.gouv.fr", "mot-de-passe-solide-42")


def _login(client, password):
    return client.post("/admin/login/", {"username": "edition", "password": password})


def test_admin_login_locks_out_after_repeated_failures_then_cools_off(client, editor, settings):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert _login(client, "mauvais").status_code == 200  # the form again, with an error
    locked = _login(client, "mauvais")
    assert locked.status_code == 429
    # Even the right password is refused during the cool-off.
    locked = _login(client, "mot-de-passe-solide-42")
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()
    assert AccessFailureLog.objects.filter(username="edition").count() >= limit
    report(f"lockout after {limit} failures, cool-off {settings.AXES_COOLOFF_TIME}")

    # Once the cool-off has passed, the right password works, and the success is logged.
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    response = _login(client, "mot-de-passe-solide-42")
    assert response.status_code == 302
    assert AccessLog.objects.filter(username="edition").exists()


def test_test_client_login_still_works(client, editor):
    assert client.login(username="edition", password="mot-de-passe-solide-42")
    assert client.get("/admin/").status_code == 200


def test_lockout_is_per_user_and_address(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "mauvais")
    other_address = client.post(
        "/admin/login/", {"username": "edition", "password": "mot-de-passe-solide-42"}, REMOTE_ADDR="10.0.0.8"
    )
    assert other_address.status_code == 302


# --- Documents and original uploads ----------------------------------------------------------------

@pytest.mark.django_db
def test_documents_are_served_as_downloads(client, site_tree):
    from wagtail.documents.models import Document

    from practices.models import PracticeAttachment
    from tests.factories import PracticePageFactory

    doc = Document.objects.create(title="Bilan", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="bilan.pdf"))
    page = PracticePageFactory(parent=site_tree["index"])
    page.attachments.add(PracticeAttachment(document=doc))
    page.save_revision().publish()  # public once a live page uses it (tests/hardening/test_documents.py)
    response = client.get(doc.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("path", ["/media/original_images/photo.jpg", "/media/documents/bilan.pdf"])
def test_original_uploads_are_not_served(client, settings, site_tree, debug, path):
    settings.DEBUG = debug
    folder = Path(settings.MEDIA_ROOT) / Path(path).parent.name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / Path(path).name).write_bytes(b"secret")
    response = client.get(path)
    assert response.status_code == 404
    assert b"secret" not in b"".join(response) if hasattr(response, "streaming_content") else b"secret" not in response.content
