"""Backups: `manage.py backup` and `manage.py restore` round-trip every table exactly."""

import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db(transaction=True)


def fingerprints(settings) -> dict[str, tuple[int, str]]:
    """Row count and checksum of every table: the rows' text, sorted, hashed. Read on a
    connection of its own, so the source and the restored copy are read the same way."""
    import psycopg

    with psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or None,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
    ) as database:
        tables = database.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        rows = "string_agg(t::text, E'\\n' ORDER BY t::text)"
        return {
            table: database.execute(
                f"SELECT count(*), md5(coalesce({rows}, '')) FROM \"{table}\" t"  # noqa: S608
            ).fetchone()
            for (table,) in tables
        }


@pytest.fixture
def empty_database():
    """A new, empty database on the same server, dropped afterwards."""
    name = f"restore_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    settings = {**connection.settings_dict, "NAME": name}
    try:
        yield settings
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def url_of(settings):
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@/{settings['NAME']}"
        f"?host={settings['HOST']}&port={settings['PORT']}"
    )


def test_backup_and_restore_round_trip_every_table(demo, tmp_path, empty_database, capsys):
    ReportFactory(title="Report with ünïcode, 'quotes' and a <tag>")
    call_command("backup", directory=tmp_path, keep=3)
    (dump,) = tmp_path.glob("peaceplatform-*.dump")
    assert dump.stat().st_mode & 0o077 == 0  # nobody but the owner reads a dump

    call_command("restore", str(dump), database_url=url_of(empty_database))
    original = fingerprints(connection.settings_dict)
    assert fingerprints(empty_database) == original
    assert original["reports_report"][0] > 1
    assert original["reports_report_topics"][0] > 0


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    ReportFactory()
    call_command("backup", directory=tmp_path)
    (dump,) = tmp_path.glob("*.dump")
    before = fingerprints(connection.settings_dict)
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(dump))
    assert fingerprints(connection.settings_dict) == before


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, empty_database):
    fake = tmp_path / "peaceplatform-fake.dump"
    fake.write_bytes(b"PGDMP but not really")
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(fake), database_url=url_of(empty_database))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "missing.dump"))


def test_backup_keeps_the_newest_dumps(tmp_path):
    for _ in range(3):
        call_command("backup", directory=tmp_path, keep=2)
    dumps = sorted(tmp_path.glob("peaceplatform-*.dump"))
    assert len(dumps) == 2
    assert not list(tmp_path.glob("*.partial"))
    with pytest.raises(CommandError, match="--keep"):
        call_command("backup", directory=tmp_path, keep=-1)
