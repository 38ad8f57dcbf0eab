"""Periodic upkeep run by the job queue's workers (peaceplatform/jobs.py)."""

from django.conf import settings
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from peaceplatform import changes, webhooks

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
