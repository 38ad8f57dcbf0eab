from django.db import migrations

# A row longer than about 2 kB has its largest values moved out to the table's TOAST
# relation, and a report's search vector (about 1.5 kB) is its largest value: every
# match test and every rank of a search then fetched it through the TOAST index, some
# eight buffer reads a row, twice when the row was also ranked. STORAGE MAIN keeps the
# vector in the row and moves the body and the documents' text out instead, which only
# the twenty rows of a page read (for their snippets). The candidates of "peace" took
# 24 ms, then 12 ms (BENCHMARKS.md).
#
# The setting applies to rows written from now on; VACUUM FULL rewrites the rows there
# are, under an exclusive lock for as long as it takes (about 20 s for 100,000 reports
# on our 2-core machine), and the plain VACUUM after it marks the pages all-visible so
# that lists can read report_published_recent alone. VACUUM cannot run in a
# transaction, so neither does this migration.
SQL = """
ALTER TABLE reports_report ALTER COLUMN search_vector SET STORAGE MAIN;
"""
REVERSE_SQL = """
ALTER TABLE reports_report ALTER COLUMN search_vector SET STORAGE EXTENDED;
"""


def rewrite_rows(apps, schema_editor):
    """Only a table that holds rows is rewritten. Vacuumed empty, a table is recorded
    as known to be empty rather than never counted, and the planner then takes it for
    a single page until it is analyzed: a bulk load in the same session (generate_corpus
    into a new database) checked each of its foreign keys with a cached sequential
    scan of 100,000 reports, and did not finish."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM reports_report)")
        if cursor.fetchone()[0]:
            cursor.execute("VACUUM FULL reports_report")
            cursor.execute("VACUUM ANALYZE reports_report")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("reports", "0013_recent_index_covers_lists")]

    operations = [
        migrations.RunSQL(SQL, REVERSE_SQL),
        migrations.RunPython(rewrite_rows, rewrite_rows),
    ]
