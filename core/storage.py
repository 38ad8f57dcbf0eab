"""Columns kept in their table's rows: a migration operation, and the tables it concerns.

A row longer than about 2 kB has values moved out to the table's TOAST relation,
largest first, and each read of such a value goes through a second index. STORAGE
MAIN makes a column the last to go. Which columns, and why:

- a report's and an event's search vector: every match test and every rank of a
  search reads it, and through TOAST each read costs several more buffer reads;
  kept in the row, the body and the documents' text go out instead, which only the
  twenty rows of a page read (for their snippets);
- their translations_vector, for the same reason on the other languages' pages;
- a report's title, subtitle, slug and facet keys: once the long texts are out,
  PostgreSQL went on to move the next largest values, which were these short ones
  that every list reads for each of its candidates;
- a report's and an event's known names, which a search's rank reads for each of its
  candidates: out of the row (a translated report's two vectors make its row long),
  they cost four more buffer reads a row, 13 ms of a 25 ms French search.

The figures are in BENCHMARKS.md ("Figures behind the code's shape").

The setting applies to rows written from then on; rows written before keep their
layout until rewritten, which `manage.py rewrite_rows` does (VACUUM FULL, under an
exclusive lock: a maintenance window's job, not a migration's).

Set it before the table's indexes are built. ALTER COLUMN SET STORAGE is passed on
to the index columns built on that column, even where the index stores another type:
on the trigram GiST index of report titles, whose keys must stay plain, the next
multi-row INSERT crashed the PostgreSQL 18 backend (SIGBUS) and the whole server
restarted. An index built after the setting keeps its own type's storage
(tests/core/test_storage.py checks every index).
"""

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
