"""Columns kept in their table's rows: a migration operation (reports 0014 and 0017,
events 0008; why each column, in those migrations), and the tables it concerns.

A row longer than about 2 kB has values moved out to the table's TOAST relation,
largest first, and each read of such a value goes through a second index. STORAGE
MAIN makes a column the last to go. The setting applies to rows written from then on;
rows written before keep their layout until rewritten, which `manage.py rewrite_rows`
does (VACUUM FULL, under an exclusive lock: a maintenance window's job, not a
migration's)."""

from django.db import migrations

# The tables whose columns keep_in_row keeps in the row, for rewrite_rows.
TABLES_KEPT_IN_ROW = ("reports_report", "events_event")


def keep_in_row(table: str, *columns: str) -> list:
    """The operation that keeps `columns` of `table` in the rows written from now on."""
    alter = "ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE {storage};\n"

    def statements(storage):
        return "".join(
            alter.format(table=table, column=column, storage=storage) for column in columns
        )

    return [migrations.RunSQL(statements("MAIN"), statements("EXTENDED"))]
