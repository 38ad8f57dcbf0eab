"""What the benchmarks share: a database per corpus size, percentiles, and runs over
several sizes with their growth column."""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# Within this factor of its p95 at the smallest size, at every larger size (issue 25).
GROWTH_LIMIT = 1.5


def database_name(reports: int) -> str:
    """One database per corpus size, built once and reused by every later run: a
    million reports take minutes to load, and a run over two sizes needs both."""
    return f"peaceplatform_bench_{reports}"


def configure(database_url: str | None, reports: int = 100_000, name: str = "") -> None:
    """Environment for a benchmark process, on its own database: the one for this corpus
    size, or `name` (created if missing) for a benchmark without a corpus."""
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
        name = name or database_name(reports)
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = f"postgres://postgres@/{name}?host={settings['HOST']}"


def ensure_corpus(reports: int) -> None:
    """Migrate, and load the sample corpus unless the database holds it at this size."""
    from django.core.management import call_command

    from operations.models import SAMPLE_SOURCE, Contribution
    from reports.models import Report

    call_command("migrate", verbosity=0)
    sample = Report.objects.filter(slug__startswith="sample-")
    loaded = sample.count() == reports
    # A corpus loaded before the sample had uniformed contributions, or French titles
    # (generate_corpus), is loaded again.
    outdated = (
        not Contribution.objects.filter(source__startswith=SAMPLE_SOURCE).exists()
        or not sample.exclude(title_fr="").exists()
    )
    if not loaded or outdated:
        print(f"Loading a sample corpus of {reports:,} reports…", file=sys.stderr)
        call_command("generate_corpus", reports=reports, clear=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW shared_buffers")
        # Figures at a million reports depend on it (docs/operators/deploying.md).
        print(f"PostgreSQL shared_buffers: {cursor.fetchone()[0]}", file=sys.stderr)


@contextmanager
def rolled_back(connection, drop_index: str | None = None):
    """A transaction rolled back at the end, with `drop_index` dropped for what runs
    inside: that index is gone for those statements' plans, and back, untouched,
    after (bench/index_ab.py). DROP INDEX locks the table until then."""
    from django.db import transaction

    if drop_index is not None and not re.fullmatch(r"[a-z_][a-z0-9_]*", drop_index):
        raise SystemExit(f"{drop_index!r} is not an index name.")
    with transaction.atomic(using=connection.alias):
        if drop_index is not None:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP INDEX "{drop_index}"')
        yield
        transaction.set_rollback(True, using=connection.alias)


def sizes(text: str) -> list[int]:
    """`--reports 100000,1000000` -> [100000, 1000000]."""
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise SystemExit(f"--reports takes sizes separated by commas, not {text!r}") from None
    if not values or min(values) < 1:
        raise SystemExit("--reports takes at least one size of 1 or more")
    return sorted(set(values))


def write_results(path: str | None, rows: dict[str, dict[str, float]]) -> None:
    if path:
        Path(path).write_text(json.dumps(rows))


def run_sizes(script: str, reports: list[int], rest: list[str]) -> dict[int, dict]:
    """Run `script` once per size, one after the other in this run, each in its own
    process (Django is set up once per process, on one database); each prints its own
    table and hands its p50/p95 per kind back through a file."""
    results = {}
    for size in reports:
        with tempfile.NamedTemporaryFile(suffix=".json") as handle:
            done = subprocess.run(
                [sys.executable, script, "--reports", str(size), "--results", handle.name, *rest],
                check=False,
            )
            if done.returncode:
                raise SystemExit(f"{script} at {size:,} reports failed ({done.returncode})")
            results[size] = json.loads(Path(handle.name).read_text())
        print()
    return results


def print_growth(results: dict[int, dict], target_of) -> bool:
    """Each kind's p95 at every size, its growth over the smallest size, and whether it
    keeps within GROWTH_LIMIT and under its target. True when every kind does."""
    reports = sorted(results)
    smallest, largest = reports[0], reports[-1]
    heading = " ".join(f"{f'p95 @{size:,}':>16}" for size in reports)
    print(f"Growth from {smallest:,} to {largest:,} reports (same run)")
    print(f"{'kind':<18} {heading} {'growth':>7} {'target':>7}  verdict")
    ok = True
    for kind, first in results[smallest].items():
        p95s = [results[size].get(kind, {}).get("p95") for size in reports]
        growth = p95s[-1] / first["p95"] if p95s[-1] and first["p95"] else None
        target = target_of(kind)
        fine = growth is not None and growth <= GROWTH_LIMIT
        fine = fine and (target is None or p95s[-1] <= target)
        ok &= fine
        cells = " ".join(f"{p:14.1f}ms" if p is not None else f"{'–':>16}" for p in p95s)
        print(
            f"{kind:<18} {cells} {growth or 0:6.2f}× "
            f"{f'{target:.0f}ms' if target else '–':>7}  {'ok' if fine else 'OVER'}"
        )
    return ok


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
