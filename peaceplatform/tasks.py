"""Periodic upkeep run by the job queue's workers (peaceplatform/jobs.py)."""

from procrastinate.contrib.django import app

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
