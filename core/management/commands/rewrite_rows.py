"""Rewrite the rows of the tables whose columns are kept in the row (core/storage.py),
so that rows written before a column's storage changed get the new layout too."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from core.storage import TABLES_KEPT_IN_ROW


class Command(BaseCommand):
    help = (
        "VACUUM FULL, then VACUUM ANALYZE, the tables whose columns are kept in the row "
        "(after a migration changed a column's storage on a database holding data). "
        "Each table is locked exclusively while it is rewritten: run it in a "
        "maintenance window."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--table",
            action="append",
            choices=TABLES_KEPT_IN_ROW,
            help="Only this table (repeat for several). Default: all of them.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, table=None, database=DEFAULT_DB_ALIAS, **options):
        connection = connections[database]
        if connection.in_atomic_block:
            raise CommandError("VACUUM cannot run inside a transaction; run it on its own.")
        for name in table or TABLES_KEPT_IN_ROW:
            with connection.cursor() as cursor:
                # Only a table that holds rows. Vacuumed empty, a table is recorded as
                # known to be empty rather than never counted, and the planner takes it
                # for a single page until it is analyzed: a bulk load into it later in
                # the same session would check each foreign key with a sequential scan.
                cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {name})")  # noqa: S608 - a name from TABLES_KEPT_IN_ROW
                if not cursor.fetchone()[0]:
                    self.stdout.write(f"{name}: empty, nothing to rewrite.")
                    continue
                cursor.execute(f"VACUUM FULL {name}")
                # Marks the pages all-visible again, for index-only scans.
                cursor.execute(f"VACUUM ANALYZE {name}")
            self.stdout.write(f"{name}: rows rewritten and analyzed.")
