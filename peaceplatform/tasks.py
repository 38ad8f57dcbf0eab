"""Periodic upkeep run by the job queue's workers (peaceplatform/jobs.py)."""

from django.conf import settings
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from alerts import digests
from alerts.models import Rhythm
from alerts.tasks import MAIL_RETRY
from peaceplatform import changes, webhooks
from peaceplatform.models import Change

# Finished jobs are kept long enough to look into (admin: Procrastinate › jobs),
# failed ones longer, so that a failure seen on Monday is still there to read.
KEEP_FINISHED_HOURS = 14 * 24
KEEP_FAILED_HOURS = 90 * 24


@app.periodic(cron="23 3 * * *")
@app.task(queue="maintenance", queueing_lock="prune_finished_jobs", pass_context=True)
async def prune_finished_jobs(context, timestamp: int) -> None:
    """Every night: delete succeeded, cancelled and aborted jobs after two weeks and
    failed ones after ninety days (their events go with them)."""
    jobs = context.app.job_manager
    await jobs.delete_old_jobs(
        nb_hours=KEEP_FINISHED_HOURS, include_cancelled=True, include_aborted=True
    )
    await jobs.delete_old_jobs(nb_hours=KEEP_FAILED_HOURS, include_failed=True)


@app.periodic(cron="* * * * *")
@app.task(queue="changes", queueing_lock="record_public_changes")
def record_public_changes(timestamp: int) -> str:
    """Every minute: the changes feed's record of what became public, changed, or
    stopped being public (peaceplatform/changes.py)."""
    return f"{changes.record_changes()} changes recorded"


@app.periodic(cron="41 3 * * *")
@app.task(queue="maintenance", queueing_lock="prune_changes")
def prune_public_changes(timestamp: int) -> str:
    """Every night: the changes feed forgets changes older than CHANGES_KEEP_DAYS."""
    return f"{changes.prune_changes(settings.CHANGES_KEEP_DAYS)} changes pruned"


# A failing endpoint is tried again after 2, 4, 8 … seconds: 17 retries come to about
# three days (2**18 s), after which it is paused (peaceplatform/webhooks.py).
WEBHOOK_RETRIES = 17
WEBHOOK_RETRY = RetryStrategy(
    max_attempts=WEBHOOK_RETRIES, exponential_wait=2, retry_exceptions={webhooks.DeliveryFailed}
)


@app.task(queue="webhooks", retry=WEBHOOK_RETRY, pass_context=True)
def deliver_webhooks(context, endpoint_id: int) -> str:
    """Send one endpoint's waiting events, in order (queued by webhooks.fan_out with
    the endpoint's lock, so that its jobs never overlap)."""
    return webhooks.deliver_waiting(
        endpoint_id, last_attempt=context.job.attempts >= WEBHOOK_RETRIES
    )


def changes_for_alerts(since: int, not_before) -> list:
    """The feed's rows after `since` recorded after `not_before`, for alerts/digests.py
    (which cannot read this app's models: it sits below it)."""
    rows = Change.objects.filter(id__gt=since, at__gt=not_before).order_by("id")
    return [
        digests.ChangeRow(row.id, row.type, row.item_id, row.action, row.at)
        for row in rows.only("id", "type", "item_id", "action", "at")
    ]


@app.periodic(cron="* * * * *")
@app.task(queue="mail", queueing_lock="alerts_immediate", retry=MAIL_RETRY)
def send_immediate_alerts(timestamp: int) -> str:
    """Every minute: followers who asked to be told as it happens."""
    return f"{digests.send(Rhythm.IMMEDIATE, changes_for_alerts)} mails"


@app.periodic(cron="0 6 * * *")
@app.task(queue="mail", queueing_lock="alerts_daily", retry=MAIL_RETRY)
def send_daily_alerts(timestamp: int) -> str:
    return f"{digests.send(Rhythm.DAILY, changes_for_alerts)} mails"


@app.periodic(cron="0 6 * * 1")
@app.task(queue="mail", queueing_lock="alerts_weekly", retry=MAIL_RETRY)
def send_weekly_alerts(timestamp: int) -> str:
    return f"{digests.send(Rhythm.WEEKLY, changes_for_alerts)} mails"
