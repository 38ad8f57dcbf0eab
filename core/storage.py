"""Columns kept in their table's rows: a migration operation (reports 0014 and 0017,
events 0008; why each column, in those migrations).

A row longer than about 2 kB has values moved out to the table's TOAST relation,
largest first, and each read of such a value goes through a second index. STORAGE
MAIN makes a column the last to go. The setting applies to rows written from then on;
VACUUM FULL rewrites the rows there are, under an exclusive lock for as long as it
takes (about 20–25 s for 100,000 reports on our 2-core machine), and the plain VACUUM
after it marks the pages all-visible, so that index-only scans stay possible. VACUUM
cannot run in a transaction, so a migration using this must say `atomic = False`."""

from django.db import migrations


def keep_in_row(table: str, *columns: str) -> list:
    """The operations that keep `columns` of `table` in its rows, existing rows too."""
    alter = "ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE {storage};\n"

    def statements(storage):
        return "".join(
            alter.format(table=table, column=column, storage=storage) for column in columns
        )

    def rewrite_rows(apps, schema_editor):
        # Only a table that holds rows. Vacuumed empty, a table is recorded as known to
        # be empty rather than never counted, and the planner then takes it for a
        # single page until it is analyzed: a bulk load in the same session
        # (generate_corpus into a new database) checked each of its foreign keys with a
        # cached sequential scan of 100,000 reports, and did not finish.
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")  # noqa: S608 - a migration's constant
            if cursor.fetchone()[0]:
                cursor.execute(f"VACUUM FULL {table}")
                cursor.execute(f"VACUUM ANALYZE {table}")

    return [
        migrations.RunSQL(statements("MAIN"), statements("EXTENDED")),
        migrations.RunPython(rewrite_rows, rewrite_rows),
    ]
