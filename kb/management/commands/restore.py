"""Restore a backup made by `manage.py backup`, then rebuild the search indices from it.

    manage.py restore [BACKUP_DIR] [--no-input] [--skip-index]

Without BACKUP_DIR, the latest folder under var/backups/ is used. Checksums are verified
before anything is overwritten. SQLite: the database file is replaced through sqlite3's
backup API; PostgreSQL: pg_restore --clean. MEDIA_ROOT is replaced by the tarball's content.
The search index is derived data: it is rebuilt (`search_index rebuild`), never restored.
"""

import json
import shutil
import sqlite3
import subprocess
import tarfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

from .backup import pg_args, pg_env, sha256


class Command(BaseCommand):
    help = "Restore the database and media from var/backups/<timestamp>/, then rebuild the search index."

    def add_arguments(self, parser):
        parser.add_argument("backup", nargs="?", type=Path, default=None)
        parser.add_argument("--no-input", action="store_true", help="do not ask for confirmation")
        parser.add_argument("--skip-index", action="store_true", help="do not rebuild the search index")

    def handle(self, *args, backup=None, no_input=False, skip_index=False, **options):
        started = time.perf_counter()
        folder = Path(backup) if backup else self.latest()
        manifest_path = folder / "manifest.json"
        if not manifest_path.exists():
            raise CommandError(f"{folder} is not a backup (no manifest.json)")
        manifest = json.loads(manifest_path.read_text())
        dump, media = folder / manifest["database"], folder / manifest["media"]
        for path, key in ((dump, "database_sha256"), (media, "media_sha256")):
            if sha256(path) != manifest[key]:
                raise CommandError(f"{path} is damaged: its checksum does not match the manifest")
        if manifest["vendor"] != connection.vendor:
            raise CommandError(f"backup of a {manifest['vendor']} database, this site runs on {connection.vendor}")
        if not no_input:
            answer = input(f"Replace the database and media with the backup {folder.name}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes", "o", "oui"}:
                raise CommandError("Restore cancelled.")

        db = settings.DATABASES["default"]
        if connection.vendor == "sqlite":
            connections.close_all()
            source = sqlite3.connect(str(dump))
            target = sqlite3.connect(str(db["NAME"]), uri=str(db["NAME"]).startswith("file:"))
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        else:
            result = subprocess.run(
                ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                 *pg_args(db), "--dbname", db["NAME"], str(dump)],
                env=pg_env(db), capture_output=True, text=True,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")

        media_root = Path(settings.MEDIA_ROOT)
        staging = media_root.with_name(media_root.name + ".restoring")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        with tarfile.open(media) as tar:
            tar.extractall(staging, filter="data")  # refuses absolute paths and ../ escapes
        if media_root.exists():
            shutil.rmtree(media_root)
        staging.rename(media_root)

        from practices.models import PracticePage

        found = PracticePage.objects.count()
        if found != manifest["practices"]:
            raise CommandError(f"restored {found} practices, the backup recorded {manifest['practices']}")
        restored_in = time.perf_counter() - started
        self.stdout.write(f"Restored {found} practices and {manifest['media_files']} media files in {restored_in:.1f} s")
        if not skip_index:
            index_started = time.perf_counter()
            call_command("search_index", "rebuild", "--no-progress", stdout=self.stdout)
            self.stdout.write(f"Search index rebuilt in {time.perf_counter() - index_started:.1f} s")

    def latest(self) -> Path:
        root = Path(settings.VAR_DIR) / "backups"
        folders = sorted(p for p in root.glob("*") if (p / "manifest.json").exists()) if root.exists() else []
        if not folders:
            raise CommandError(f"no backup under {root}")
        return folders[-1]
