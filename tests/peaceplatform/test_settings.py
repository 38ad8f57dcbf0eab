"""Settings fail loudly: a bad or missing value stops start-up and names the variable."""

import subprocess

import pytest
from django.core.exceptions import ImproperlyConfigured

from peaceplatform.env import env_bool, env_int, env_list, env_str, parse_database_url
from tests.processes import run_django


def start_django(**env) -> subprocess.CompletedProcess:
    # DATABASE_URL is parsed only: nothing connects at import.
    env.setdefault("DATABASE_URL", "postgres://user:pw@db.invalid:5432/peace")
    return run_django("print('started')", **env)


def test_production_settings_start_with_what_they_need():
    result = start_django(DJANGO_SECRET_KEY="s3cret", DJANGO_ALLOWED_HOSTS="peace.example.org")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_missing_secret_key_is_a_clear_error_when_debug_is_off():
    result = start_django(DJANGO_ALLOWED_HOSTS="peace.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_missing_allowed_hosts_is_a_clear_error_when_debug_is_off():
    result = start_django(DJANGO_SECRET_KEY="s3cret")
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must list the host names" in result.stderr


def test_debug_on_needs_neither():
    result = start_django(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_a_bad_boolean_names_the_variable():
    result = start_django(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG='maybe' is not a boolean" in result.stderr


def test_a_non_postgres_database_url_is_refused():
    result = start_django(DJANGO_DEBUG="1", DATABASE_URL="sqlite:///db.sqlite3")
    assert result.returncode != 0
    assert "DATABASE_URL must start with postgres://" in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    result = start_django(
        DJANGO_SECRET_KEY_FILE=str(secret), DJANGO_ALLOWED_HOSTS="peace.example.org"
    )
    assert result.returncode == 0, result.stderr


class TestEnvHelpers:
    def test_bool(self, monkeypatch):
        monkeypatch.setenv("FLAG", "yes")
        assert env_bool("FLAG") is True
        monkeypatch.setenv("FLAG", "0")
        assert env_bool("FLAG", default=True) is False
        monkeypatch.delenv("FLAG")
        assert env_bool("FLAG", default=True) is True

    def test_int(self, monkeypatch):
        monkeypatch.setenv("COUNT", "12")
        assert env_int("COUNT", 1) == 12
        monkeypatch.setenv("COUNT", "twelve")
        with pytest.raises(ImproperlyConfigured, match="COUNT='twelve' is not a whole number"):
            env_int("COUNT", 1)
        monkeypatch.setenv("COUNT", "-1")
        with pytest.raises(ImproperlyConfigured, match="COUNT=-1 must be at least 0"):
            env_int("COUNT", 1, minimum=0)

    def test_list(self, monkeypatch):
        monkeypatch.setenv("HOSTS", " a.org, b.org ,,")
        assert env_list("HOSTS") == ["a.org", "b.org"]

    def test_unreadable_file(self, monkeypatch, tmp_path):
        monkeypatch.delenv("TOKEN", raising=False)
        monkeypatch.setenv("TOKEN_FILE", str(tmp_path / "missing"))
        with pytest.raises(ImproperlyConfigured, match="TOKEN_FILE="):
            env_str("TOKEN")

    def test_required(self, monkeypatch):
        monkeypatch.delenv("NEEDED", raising=False)
        with pytest.raises(ImproperlyConfigured, match="NEEDED must be set"):
            env_str("NEEDED", required=True)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgres://peace:p%40ss@db:5433/platform",
            {"NAME": "platform", "USER": "peace", "PASSWORD": "p@ss", "HOST": "db", "PORT": "5433"},
        ),
        (
            "postgresql://postgres:@/peaceplatform?host=/work/var/postgres",
            {
                "NAME": "peaceplatform",
                "USER": "postgres",
                "PASSWORD": "",
                "HOST": "/work/var/postgres",
                "PORT": "",
            },
        ),
    ],
)
def test_parse_database_url(url, expected):
    assert parse_database_url("DATABASE_URL", url) == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://db/x", "must start with postgres://"),
        ("postgres://db", "must name a database"),
        ("postgres://db:99999/x", "invalid port"),
    ],
)
def test_parse_database_url_errors(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        parse_database_url("DATABASE_URL", url)


PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-production-grade-secret-" + "x" * 40 + "-0123456789-ABCDEFGHIJ",
    "DJANGO_ALLOWED_HOSTS": "peaceops.example.org",
    "DJANGO_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
}


def test_check_deploy_is_clean_with_the_documented_production_environment():
    result = run_django(
        "from django.core.management import call_command\n"
        "call_command('check', deploy=True, fail_level='WARNING')\n"
        "from django.conf import settings\n"
        "print(settings.SECURE_PROXY_SSL_HEADER, settings.SECURE_HSTS_SECONDS)",
        DATABASE_URL="postgres://user:pw@db.invalid:5432/peace",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert "('HTTP_X_FORWARDED_PROTO', 'https') 31536000" in result.stdout


def test_a_malformed_proxy_ssl_header_names_the_variable():
    result = start_django(**{**PRODUCTION, "DJANGO_PROXY_SSL_HEADER": "X-Forwarded-Proto"})
    assert result.returncode != 0
    assert "DJANGO_PROXY_SSL_HEADER='X-Forwarded-Proto' should look like" in result.stderr


def test_a_request_waits_for_the_replica_a_second_and_for_the_primary_five():
    """A stopped replica is passed over for the primary after the replica pool's
    timeout (peaceplatform/db_routing.py); waiting as long as for the primary held
    requests for 5 s (measured by deploy/deploy_test.py)."""
    code = (
        "from django.conf import settings as s; "
        "print('timeouts', s.DATABASES['default']['OPTIONS']['pool']['timeout'], "
        "s.DATABASES['replica']['OPTIONS']['pool']['timeout'])"
    )
    common = {
        "DJANGO_SECRET_KEY": "s3cret",
        "DJANGO_ALLOWED_HOSTS": "peace.example.org",
        "DATABASE_URL": "postgres://user:pw@db.invalid:5432/peace",
        "DATABASE_REPLICA_URL": "postgres://user:pw@replica.invalid:5432/peace",
    }

    def timeouts(**env):
        out = run_django(code, **common, **env).stdout.splitlines()
        return next(line for line in out if line.startswith("timeouts")).split()[1:]

    assert timeouts() == ["5", "1"]
    assert timeouts(DATABASE_REPLICA_POOL_TIMEOUT="2") == ["5", "2"]
