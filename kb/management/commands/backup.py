"""Back up the database and the media files into var/backups/<timestamp>/.

    manage.py backup [--dest DIR]

SQLite: a consistent copy through sqlite3's online backup API (safe while the site runs).
PostgreSQL: pg_dump in custom format. Media: a gzipped tarball of MEDIA_ROOT. A manifest
(manifest.json) records what was saved, counts and checksums; `manage.py restore` reads it.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pg_env(db: dict) -> dict:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def pg_args(db: dict) -> list[str]:
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


class Command(BaseCommand):
    help = "Back up the database and media into var/backups/<timestamp>/ (see `restore`)."

    def add_arguments(self, parser):
        parser.add_argument("--dest", type=Path, default=None, help="folder of backups (default var/backups)")

    def handle(self, *args, dest=None, **options):
        started = time.perf_counter()
        root = Path(dest or Path(settings.VAR_DIR) / "backups")
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        folder = root / stamp
        folder.mkdir(parents=True, exist_ok=False)
        db = settings.DATABASES["default"]
        vendor = connection.vendor
        if vendor == "sqlite":
            dump = folder / "db.sqlite3"
            source = sqlite3.connect(str(db["NAME"]), uri=str(db["NAME"]).startswith("file:"))
            target = sqlite3.connect(str(dump))
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        elif vendor == "postgresql":
            dump = folder / "db.pgdump"
            result = subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), *pg_args(db), db["NAME"]],
                env=pg_env(db), capture_output=True, text=True,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        else:
            raise CommandError(f"unsupported database vendor: {vendor}")

        media_root = Path(settings.MEDIA_ROOT)
        media = folder / "media.tar.gz"
        files = 0
        with tarfile.open(media, "w:gz") as tar:
            if media_root.exists():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file():
                        tar.add(path, arcname=str(path.relative_to(media_root)))
                        files += 1

        from practices.models import PracticePage

        manifest = {
            "created": stamp,
            "vendor": vendor,
            "database": dump.name,
            "database_sha256": sha256(dump),
            "media": media.name,
            "media_sha256": sha256(media),
            "media_files": files,
            "practices": PracticePage.objects.count(),
            "live_practices": PracticePage.objects.live().count(),
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
        elapsed = time.perf_counter() - started
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        self.stdout.write(
            f"Backup {folder}: {manifest['practices']} practices, {files} media files, "
            f"{size:.1f} MB in {elapsed:.1f} s"
        )
        return None
