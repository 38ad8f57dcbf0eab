"""`migrate` killed between a migration's tables and its record
(peaceplatform/management/commands/migrate.py).

Django commits a migration with deferred SQL (auth's first, for one) before it records
it; a `make run` killed in that moment left the tables but no record, and every later
start failed with `relation "auth_permission" already exists`. The moment is held
open here, not hoped for: the test locks django_migrations, so the record's INSERT
waits while the process is killed."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def new_database():
    """A new, empty database on the test server, dropped afterwards: its URL and a
    connection to it (autocommit)."""
    settings = connection.settings_dict
    server = {
        "host": settings["HOST"],
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "password": settings["PASSWORD"],
    }
    name = f"migrate_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(**server, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            with psycopg.connect(**server, dbname=name, autocommit=True) as database:
                url = (
                    f"postgres://{server['user']}:{server['password']}@/{name}"
                    f"?host={server['host']}&port={server['port']}"
                )
                yield url, database, psycopg.connect(**server, dbname=name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrate(url, *targets, wait=True):
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith("DATABASE_")},
        "DATABASE_URL": url,
    }
    process = subprocess.Popen(
        [sys.executable, "manage.py", "migrate", "--noinput", *targets],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    if wait:
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, output
    return process


def recorded(database, app) -> list[str]:
    return [
        name
        for (name,) in database.execute(
            "SELECT name FROM django_migrations WHERE app = %s ORDER BY id", [app]
        )
    ]


def table_exists(database, table) -> bool:
    return database.execute("SELECT to_regclass(%s) IS NOT NULL", [table]).fetchone()[0]


def test_a_migrate_killed_before_it_records_a_migration_leaves_none_of_it(new_database):
    url, database, locker = new_database
    migrate(url, "contenttypes")  # django_migrations exists; auth's first is next
    assert recorded(database, "auth") == []

    with locker:  # its transaction, until the end of the block
        # The record's INSERT now waits; reads of the table do not. (Watched from
        # another session: one transaction sees pg_stat_activity as it first read it.)
        locker.execute("LOCK TABLE django_migrations IN EXCLUSIVE MODE")
        killed = migrate(url, "auth", "0001", wait=False)
        deadline = time.monotonic() + 60
        while not database.execute(
            "SELECT 1 FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO \"django_migrations\"%%'"
        ).fetchone():
            assert killed.poll() is None, killed.stdout.read()
            assert time.monotonic() < deadline, "migrate never reached its record"
            time.sleep(0.05)
        # Waiting to record auth.0001: its tables are not there for anyone else yet
        # (with Django's own migrate they were, committed without their record).
        assert not table_exists(database, "auth_permission")
        os.killpg(killed.pid, signal.SIGKILL)
        killed.wait(timeout=30)

    # The killed session's transaction ends when PostgreSQL sees the client gone.
    deadline = time.monotonic() + 30
    while database.execute(
        "SELECT 1 FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
    ).fetchone():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert not table_exists(database, "auth_permission")
    assert recorded(database, "auth") == []

    migrate(url, "auth", "0001")  # and the next run applies it again, cleanly
    assert table_exists(database, "auth_permission")
    assert recorded(database, "auth") == ["0001_initial"]


def test_an_index_build_cut_short_is_built_again_by_the_next_migrate(new_database):
    """reports.0011 builds its index CONCURRENTLY, outside a transaction: a kill
    leaves an index of that name behind, unrecorded. The next run replaces it."""
    url, database, _ = new_database
    migrate(url)
    migrate(url, "reports", "0010")  # back, the index dropped with it
    assert not table_exists(database, "report_kind_recent")
    database.execute("CREATE INDEX report_kind_recent ON reports_report (slug)")  # the leftover
    migrate(url, "reports", "0011")
    (definition,) = database.execute(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'report_kind_recent'"
    ).fetchone()
    assert "(kind, published_on DESC NULLS LAST, id DESC)" in definition
    assert recorded(database, "reports")[-1] == "0011_kind_recent"
