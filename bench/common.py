"""What the benchmarks share: their own database, and percentiles."""

import os
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def configure(database_url: str | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peaceplatform.settings")
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SSL_REDIRECT"] = "0"  # the benchmarks speak plain HTTP in-process
    os.environ["DJANGO_STATIC_ROOT"] = str(BASE_DIR / "var" / "test-static")
    # The work of a request, not a cached copy of its answer: the benchmarks repeat the
    # same requests, which the page and API answer cache (peaceplatform/page_cache.py)
    # would otherwise serve from the second time on.
    os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
        return
    from peaceplatform import embedded_db

    settings = embedded_db.ensure_running()
    import psycopg

    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"], user="postgres", dbname="postgres",
        autocommit=True,
    ) as connection:  # fmt: skip
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = 'peaceplatform_bench'"
        ).fetchone()
        if not exists:
            connection.execute("CREATE DATABASE peaceplatform_bench")
    os.environ["DATABASE_URL"] = f"postgres://postgres@/peaceplatform_bench?host={settings['HOST']}"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bare_connection(connection):
    """A plain psycopg connection to the database Django uses: no ORM, no pool."""
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"], port=settings["PORT"] or None, user=settings["USER"],
        password=settings["PASSWORD"] or None, dbname=settings["NAME"], autocommit=True,
    )  # fmt: skip


def replay(bare, statements, keep) -> float:
    """Milliseconds to run again, bare, the statements a request ran that `keep` accepts."""
    started = time.perf_counter()
    for statement in statements:
        if keep(statement):
            bare.execute(statement.encode()).fetchall()
    return (time.perf_counter() - started) * 1000
