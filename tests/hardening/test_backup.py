"""Backups: `manage.py backup` then `manage.py restore` into an empty database and an empty
media folder finds every practice and every file, and rebuilds the search index from them.

Runs the real commands in subprocesses on a throwaway SQLite file (the suite's in-memory
test database cannot be shared with another process)."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.figures import report

ROOT = Path(__file__).resolve().parents[2]

SEED = r"""
import django
django.setup()
from django.core.files.base import ContentFile
from wagtail.images.models import Image
from wagtail.models import Page, Site
from tests.factories import HomePageFactory, PracticeIndexPageFactory, PracticePageFactory
from tests.hardening.conftest import png_bytes

root = Page.get_first_root_node()
home = HomePageFactory(parent=root, slug="accueil")
Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80})
index = PracticeIndexPageFactory(parent=home)
image = Image.objects.create(title="Halle", file=ContentFile(png_bytes(), name="halle.png"))
for n in range(12):
    PracticePageFactory(parent=index, title=f"Halle gourmande numéro {n}", image=image, image_alt="La halle")
print("seeded")
"""

CHECK = r"""
import django
django.setup()
from practices.models import PracticePage
from search import api
from search.types import SearchParams
results = api.search(SearchParams(q="halle gourmande"))
print("PRACTICES", PracticePage.objects.live().count(), "FOUND", results.total)
"""


def _env(db, var, media):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "OPENSEARCH"))}
    env.update(
        DJANGO_SETTINGS_MODULE="kb.settings.test", DATABASE_URL=f"sqlite:///{db}", KB_VAR_DIR=str(var),
        MEDIA_ROOT=str(media), PYTHONPATH=str(ROOT),
    )
    return env


def _run(args, env, timeout=300):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result.stdout


def test_backup_then_restore_into_an_empty_database(tmp_path, migrated_sqlite):
    var = tmp_path / "var"
    source_env = _env(tmp_path / "site.sqlite3", var, tmp_path / "media")
    shutil.copy(migrated_sqlite, tmp_path / "site.sqlite3")
    _run([sys.executable, "-c", SEED], source_env)
    started = time.perf_counter()
    out = _run([sys.executable, "manage.py", "backup"], source_env)
    backup_seconds = time.perf_counter() - started
    folders = list((var / "backups").iterdir())
    assert len(folders) == 1
    manifest = json.loads((folders[0] / "manifest.json").read_text())
    assert manifest["practices"] == 12 and manifest["media_files"] >= 1
    print(out.strip())

    # An empty database file and an empty media folder: a new machine.
    target_env = _env(tmp_path / "new.sqlite3", var, tmp_path / "new-media")
    started = time.perf_counter()
    out = _run([sys.executable, "manage.py", "restore", "--no-input"], target_env)
    restore_seconds = time.perf_counter() - started
    print(out.strip())
    assert "Restored 12 practices" in out
    assert (tmp_path / "new-media" / "original_images" / "halle.png").exists()
    check = _run([sys.executable, "-c", CHECK], target_env)
    assert "PRACTICES 12 FOUND 12" in check, check
    report(f"Backup {backup_seconds:.1f} s, restore + index rebuild {restore_seconds:.1f} s (12 practices, subprocesses included)")


def test_restore_refuses_a_damaged_backup(tmp_path):
    folder = tmp_path / "backups" / "20260101T000000Z"
    folder.mkdir(parents=True)
    (folder / "db.sqlite3").write_bytes(b"not a database")
    (folder / "media.tar.gz").write_bytes(b"")
    (folder / "manifest.json").write_text(json.dumps({
        "vendor": "sqlite", "database": "db.sqlite3", "database_sha256": "0" * 64,
        "media": "media.tar.gz", "media_sha256": "0" * 64, "practices": 1, "media_files": 0,
    }))
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(folder), "--no-input")
