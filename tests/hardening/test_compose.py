"""docker-compose.yml, validated offline by Debian's docker-compose (`.ci/run` installs it):
the production stack a deployer starts with one command must be well-formed and wired as the
README says — services wait for healthy dependencies, data lives on named volumes, the app
migrates and builds the search index before serving, and the secret key is never defaulted."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cr3t-" * 9
DB_PASSWORD = "pg-" * 8


def compose_config(**env):
    if shutil.which("docker-compose") is None:
        pytest.fail("docker-compose is missing: install Debian's docker-compose (`apt-get install docker-compose`, see .ci/run).")
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "POSTGRES_PASSWORD", "ALLOWED_HOSTS"}}
    return subprocess.run(
        ["docker-compose", "--file", str(ROOT / "docker-compose.yml"), "config"],
        cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60,
    )


def mount(volume):
    """(source, target) of a volume in the short ("pgdata:/path:rw") or the long syntax."""
    if isinstance(volume, str):
        source, target = volume.split(":")[:2]
        return source, target
    return volume["source"], volume["target"]


@pytest.fixture(scope="module")
def stack():
    result = compose_config(SECRET_KEY=SECRET, POSTGRES_PASSWORD=DB_PASSWORD)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_a_missing_secret_key_stops_the_stack():
    result = compose_config(POSTGRES_PASSWORD=DB_PASSWORD)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_missing_database_password_stops_the_stack():
    result = compose_config(SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr


def test_the_app_is_reached_through_its_proxy_only_and_trusts_that_proxy(stack):
    services = stack["services"]
    assert "ports" not in services["app"]
    assert services["proxy"]["image"].startswith("caddy:")
    assert "app:8000" in services["proxy"]["command"]
    assert services["app"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"
    assert DB_PASSWORD in services["app"]["environment"]["DATABASE_URL"]
    assert services["db"]["environment"]["POSTGRES_PASSWORD"] == DB_PASSWORD


def test_app_waits_for_healthy_services_then_migrates_and_indexes(stack):
    services = stack["services"]
    assert set(services) == {"app", "db", "opensearch", "proxy", "scheduler"}
    app = services["app"]
    assert {name: dep["condition"] for name, dep in app["depends_on"].items()} == {
        "db": "service_healthy", "opensearch": "service_healthy",
    }
    command = " ".join(app["command"])
    steps = ["migrate", "set_site", "load_communes", "search_index rebuild --if-missing", "gunicorn kb.wsgi:application"]
    positions = [command.index(step) for step in steps]
    assert positions == sorted(positions), command
    env = app["environment"]
    assert env["DJANGO_SETTINGS_MODULE"] == "kb.settings.production"
    assert env["SECRET_KEY"] == SECRET
    assert env["OPENSEARCH_URL"] == "http://opensearch:9200"
    assert env["OPENSEARCH_STEMMER"] == "light_french"  # the emulator's "french" is for tests only
    assert env["DATABASE_URL"].startswith("postgres://") and env["DATABASE_URL"].endswith("@db:5432/ppi")


def test_every_service_has_a_healthcheck_and_keeps_its_data_on_a_named_volume(stack):
    services = stack["services"]
    for name in ("app", "db", "opensearch", "scheduler"):
        assert services[name]["healthcheck"]["test"], name
    mounts = {name: {mount(v) for v in services[name]["volumes"]} for name in ("app", "db", "opensearch")}
    assert ("pgdata", "/var/lib/postgresql/data") in mounts["db"]
    assert ("osdata", "/usr/share/opensearch/data") in mounts["opensearch"]
    assert ("media", "/data") in mounts["app"]
    assert {"pgdata", "osdata", "media"} <= set(stack["volumes"])
    assert services["opensearch"]["environment"]["discovery.type"] == "single-node"
    assert "ports" not in services["opensearch"] and "ports" not in services["db"]  # only the proxy is published


def test_the_scheduler_runs_the_digests_and_reminders_every_hour_after_the_app_has_migrated(stack):
    scheduler = stack["services"]["scheduler"]
    assert scheduler["depends_on"]["app"]["condition"] == "service_healthy"
    command = " ".join(scheduler["command"])
    assert "python manage.py send_alert_digests" in command and "send_follow_up_reminders" in command
    assert "sleep 3600" in command
    assert scheduler["environment"]["DATABASE_URL"] == stack["services"]["app"]["environment"]["DATABASE_URL"]
    assert scheduler["healthcheck"]["test"]
