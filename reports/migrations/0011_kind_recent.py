"""A newest-first index a kind at a time (Report.Meta.indexes, report_kind_recent),
built without blocking writes to reports: about 5 s for a million reports here.

Not atomic, so not rolled back when the process is killed: a build cut short leaves
an invalid index of that name, and the next `migrate` would stop at "already exists".
While this migration is unrecorded, an index of that name can only be such a
leftover: it is dropped first."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("reports", "0010_sample_keys")]

    operations = [
        migrations.RunSQL(
            "DROP INDEX CONCURRENTLY IF EXISTS report_kind_recent",
            reverse_sql=migrations.RunSQL.noop,
        ),
        AddIndexConcurrently(
            model_name="report",
            index=models.Index(
                models.F("kind"),
                models.OrderBy(models.F("published_on"), descending=True, nulls_last=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("status", "published")),
                include=("publish_at", "facet_keys"),
                name="report_kind_recent",
            ),
        ),
    ]
