"""The job queue: procrastinate, on the same PostgreSQL as everything else.

Tasks live in each app's ``tasks.py`` (procrastinate finds them) and are queued with
``task.defer(...)`` through Django's own connection, so a job is part of the
transaction of the change that causes it. Workers (``manage.py procrastinate
worker``) wake on LISTEN/NOTIFY; any number of them may run, on any machine that
reaches the database. ``make run`` starts one beside the development server
(peaceplatform/serve.py); docker-compose.yml has a ``worker`` service.
"""

from django.db import connection

from peaceplatform.db_routing import use_primary

# Waiting: queued and due. A retried job is waiting again once its retry time comes;
# its age counts from then, not from its first attempt.
WAITING_SQL = """
SELECT count(*),
       extract(epoch FROM now() - min(coalesce(job.scheduled_at, deferred.at)))
  FROM procrastinate_jobs AS job
  LEFT JOIN procrastinate_events AS deferred
         ON deferred.job_id = job.id AND deferred.type = 'deferred'
 WHERE job.status = 'todo' AND (job.scheduled_at IS NULL OR job.scheduled_at <= now())
"""


def waiting_jobs() -> dict:
    """How many jobs wait for a worker, and for how long the oldest has waited
    (seconds; None when none waits): what /readyz reports, so that a monitor can
    tell a stopped worker from an idle one."""
    with connection.cursor() as cursor:
        cursor.execute(WAITING_SQL)
        count, oldest = cursor.fetchone()
    return {"waiting": count, "oldest_waiting_seconds": None if oldest is None else round(oldest)}


def primary_reads(call_next, context, worker):
    """Every job reads the primary. A job follows a write (an upload, a publish) that
    a replica may not have replayed yet, and a worker serves no public reads to spare
    the primary from (peaceplatform/db_routing.py)."""
    with use_primary():
        return call_next()


async def primary_reads_async(call_next, context, worker):
    with use_primary():
        return await call_next()


def on_app_ready(app) -> None:
    """PROCRASTINATE_ON_APP_READY: every worker wraps every job in primary_reads."""
    middleware = app.worker_defaults.setdefault("task_middleware", [])
    middleware += [primary_reads, primary_reads_async]
