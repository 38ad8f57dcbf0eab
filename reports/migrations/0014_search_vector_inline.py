from django.db import migrations

from core.storage import keep_in_row

# A report's search vector (about 1.5 kB) was the largest value of a long row, so it
# went out to the TOAST relation: every match test and every rank of a search then
# fetched it through the TOAST index, some eight buffer reads a row, twice when the
# row was also ranked. Kept in the row, the body and the documents' text go out
# instead, which only the twenty rows of a page read (for their snippets). The
# candidates of "peace" took 24 ms, then 12 ms (BENCHMARKS.md).


class Migration(migrations.Migration):
    dependencies = [("reports", "0013_recent_index_covers_lists")]

    operations = keep_in_row("reports_report", "search_vector")
