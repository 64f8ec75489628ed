"""`search_index rebuild` with the engine gone ends in one clear line and a non-zero exit, not
a traceback (the alias keeps pointing at the previous complete index)."""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


def environment(var_dir) -> dict:
    return {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "DJANGO_SETTINGS_MODULE": "kb.settings.test",
            "KB_VAR_DIR": str(var_dir), "OPENSEARCH_URL": f"http://127.0.0.1:{closed_port()}", "OPENSEARCH_TIMEOUT": "1"}


@pytest.mark.parametrize("extra", [[], ["--if-missing"]])
def test_rebuild_against_a_dead_engine_is_one_line_and_exit_1(tmp_path, migrated_sqlite, extra):
    shutil.copy(migrated_sqlite, tmp_path / "db.sqlite3")
    env = environment(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "search_index", "rebuild", "--engine", "opensearch", "--no-progress", *extra],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "OpenSearch stopped answering" in result.stderr and "OpenSearch a cessé de répondre" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
