from importlib import import_module

from django.db import migrations

# 0014 keeps a report's search vector in its row. In a row still over the 2 kB TOAST
# threshold once the long texts are out, PostgreSQL went on to move the next largest
# values out of line, which were the short ones every list reads: at 100,000 reports
# the facet keys of 27 % of rows and the titles of 12 % sat in the TOAST table. A
# report list reads the facet keys of its 1,000 newest candidates, one TOAST lookup
# for each of those rows, and fetching them took 10.6 ms instead of 5.5 ms
# (BENCHMARKS.md). STORAGE MAIN keeps these columns in the row unless nothing else can
# make room; only the long texts (summary, body, documents' text) go out first.
#
# As in 0014, VACUUM FULL rewrites the rows there are (about 20 s for 100,000 reports,
# under an exclusive lock), outside a transaction.
COLUMNS = ("title", "subtitle", "slug", "facet_keys")
SQL = "".join(
    f"ALTER TABLE reports_report ALTER COLUMN {column} SET STORAGE MAIN;\n" for column in COLUMNS
)
REVERSE_SQL = "".join(
    f"ALTER TABLE reports_report ALTER COLUMN {column} SET STORAGE EXTENDED;\n"
    for column in COLUMNS
)


# The same rewrite, of tables that hold rows only.
rewrite_rows = import_module("reports.migrations.0014_search_vector_inline").rewrite_rows


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("reports", "0016_former_slug_index")]

    operations = [
        migrations.RunSQL(SQL, REVERSE_SQL),
        migrations.RunPython(rewrite_rows, rewrite_rows),
    ]
