from django.db import migrations

from core.storage import keep_in_row

# 0014 keeps a report's search vector in its row. In a row still over the 2 kB TOAST
# threshold once the long texts are out, PostgreSQL went on to move the next largest
# values out of line, which were the short ones every list reads: at 100,000 reports
# the facet keys of 27 % of rows and the titles of 12 % sat in the TOAST table. A
# report list reads the facet keys of its 1,000 newest candidates, one TOAST lookup
# for each of those rows: fetching them took 10.6 ms, then 7.1 ms (BENCHMARKS.md).
# Now only the long texts (summary, body, documents' text) go out.


class Migration(migrations.Migration):
    dependencies = [("reports", "0016_former_slug_index")]

    operations = keep_in_row("reports_report", "title", "subtitle", "slug", "facet_keys")
