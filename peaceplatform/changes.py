"""The changes feed's record: every change to what is public, in order.

What is public is decided by each model's ``published()`` alone (status, and a
"public from" time that has passed), and changes without a write when a scheduled item
comes due, or when a report's publication carries its recommendations with it. So the
record is not kept by triggers on writes but by comparing: each run compares the
public set with what the previous run saw (PublicItem) and writes one Change per
difference: published (new in the set), updated (its version or address moved),
withdrawn (still in the table, out of the set: unpublished or archived) or deleted
(gone from the table). The job queue runs it every minute (peaceplatform/tasks.py),
and a run that finds the content version (core/caching.py) as it left it stops after
one query.

Runs hold one advisory lock for their whole transaction, so two never overlap and the
ids of their Change rows follow the order of commits: a partner's cursor (the last id
it read) never skips a change committed after it read.
"""

import datetime

from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Max, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

from core.caching import current_version
from core.publishing.status import public_condition
from peaceplatform import webhooks
from peaceplatform.models import Change, ChangeAction, ChangesHorizon

# What the feed follows: the API's kinds of item that can be unpublished, with their
# models (member states are reference data, always public).
TRACKED = {
    "report": "reports.Report",
    "recommendation": "reports.Recommendation",
    "event": "events.Event",
    "organization": "directory.Organization",
    "person": "directory.Person",
    "topic": "directory.Topic",
    "operation": "operations.Operation",
}
TRACKED_TYPES = list(TRACKED)
# The changes' actions as the API names their enum (ENUM_NAME_OVERRIDES).
ACTIONS = ChangeAction.values
# pg_advisory_xact_lock's key: 'chgs' in ASCII.
LOCK_KEY = 0x63686773
VERSION_KEY = "changes:recorded-version"

DIFF_SQL = """
WITH current AS MATERIALIZED ({current}),
gone AS (
    DELETE FROM peaceplatform_publicitem AS seen
     WHERE seen.type = %s
       AND NOT EXISTS (SELECT 1 FROM current WHERE current.id = seen.item_id)
    RETURNING seen.item_id, seen.slug
),
changed AS (
    SELECT current.id, current.slug, current.version, seen.id IS NULL AS new
      FROM current
      LEFT JOIN peaceplatform_publicitem AS seen
        ON seen.type = %s AND seen.item_id = current.id
     WHERE seen.id IS NULL
        OR seen.version IS DISTINCT FROM current.version
        OR seen.slug <> current.slug
),
kept AS (
    INSERT INTO peaceplatform_publicitem (type, item_id, slug, version)
    SELECT %s, id, slug, version FROM changed
    ON CONFLICT (type, item_id)
    DO UPDATE SET slug = EXCLUDED.slug, version = EXCLUDED.version
)
INSERT INTO peaceplatform_change (type, item_id, slug, action, at)
SELECT %s, item_id, slug, action, statement_timestamp()
  FROM (
    SELECT id AS item_id, slug, CASE WHEN new THEN 'published' ELSE 'updated' END AS action,
           version AS happened
      FROM changed
    UNION ALL
    SELECT gone.item_id, gone.slug,
           CASE WHEN EXISTS (SELECT 1 FROM {table} AS row WHERE row.id = gone.item_id)
                THEN 'withdrawn' ELSE 'deleted' END,
           NULL
      FROM gone
  ) AS found
 ORDER BY happened NULLS LAST, item_id
"""


def public_versions(model):
    """The public rows of a model with what a change to them is measured by: the
    row's `updated_at`; for a recommendation also its public implementation updates'
    (its current status is part of it), as `updated_since` measures them. (An
    operation's mandates, leaders and figures move its own `updated_at`: triggers,
    operations/migrations/0003.)"""
    rows = model.objects.published()
    if model._meta.label == "reports.Recommendation":
        updates = (
            apps.get_model("reports", "RecommendationUpdate")
            .objects.filter(public_condition(), recommendation=OuterRef("pk"))
            .values("recommendation")
            .annotate(latest=Max(Greatest("updated_at", "publish_at")))
            .values("latest")
        )
        return rows.annotate(version=Greatest("updated_at", Subquery(updates)))
    return rows.annotate(version=F("updated_at"))


def record_changes(*, force: bool = False) -> int:
    """Compare the public set with the last run's and write the differences; how many
    Change rows were written. Unless ``force``, a run that finds the content version
    as the last run left it stops there, having compared nothing."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        version = current_version()
        if not force and cache.get(VERSION_KEY) == version:
            return 0
        written = 0
        before = Change.objects.aggregate(last=Max("id"))["last"] or 0
        with connection.cursor() as cursor:
            for type_name, label in TRACKED.items():
                model = apps.get_model(label)
                current, params = (
                    public_versions(model).values("id", "slug", "version").query.sql_with_params()
                )
                cursor.execute(
                    DIFF_SQL.format(current=current, table=model._meta.db_table),
                    [*params, type_name, type_name, type_name, type_name],
                )
                written += cursor.rowcount
        # On a database that had content before the feed existed, the first run finds
        # all of it "published"; the webhook tables come in the same release, so no
        # endpoint can be there yet to be flooded with it.
        if written:
            webhooks.fan_out(list(Change.objects.filter(id__gt=before).order_by("id")))
        transaction.on_commit(lambda: cache.set(VERSION_KEY, version, None))
    return written


def prune_changes(keep_days: int) -> int:
    """Delete changes older than ``keep_days`` and move the horizon past them."""
    cutoff = timezone.now() - datetime.timedelta(days=keep_days)
    with transaction.atomic():
        old = Change.objects.filter(at__lt=cutoff)
        last = old.aggregate(last=Max("id"))["last"]
        if last is None:
            return 0
        deleted, _ = Change.objects.filter(id__lte=last).delete()
        ChangesHorizon.objects.update_or_create(id=1, defaults={"pruned_through": last})
    return deleted


def pruned_through() -> int:
    return ChangesHorizon.objects.values_list("pruned_through", flat=True).first() or 0
