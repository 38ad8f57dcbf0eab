"""Running queued jobs in tests.

A job is queued in the transaction of the change that causes it, and most tests run
inside a transaction that is never committed, where no worker process can see it.
`run_queued_jobs()` runs those jobs in that same transaction: the job rows the
platform wrote, the task code a worker runs, on the test's connection. What only a
worker process does (waking on NOTIFY, retrying, periodic tasks) is tested with the
real thing: the `worker` fixture (tests/conftest.py) and tests/peaceplatform/test_jobs.py.
"""

import inspect
import threading

from django.db import connection, connections
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob


def run_queued_jobs() -> list:
    """Run every queued job, oldest first, and mark it succeeded; their results."""
    results = []
    for job in ProcrastinateJob.objects.filter(status="todo").order_by("id"):
        task = app.tasks[job.task_name]
        assert not inspect.iscoroutinefunction(task.func), f"{job.task_name} needs a worker"
        results.append(task(**job.args))
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE procrastinate_jobs SET status = 'succeeded', attempts = attempts + 1"
                " WHERE id = %s",
                [job.id],
            )
    return results


def work_until_idle() -> None:
    """The real procrastinate worker, in this process, until no job is due: for
    transactional tests (it reads the database through connections of its own). In a
    thread of its own: the browser tests leave Playwright's event loop running in the
    main thread, where asyncio.run() refuses to start another."""
    failures = []

    def work():
        try:
            with app.replace_connector(app.connector.get_worker_connector()):
                app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)
        except BaseException as error:  # handed to the test's thread
            failures.append(error)
        finally:
            connections.close_all()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "the worker did not finish within 120 s"
    if failures:
        raise failures[0]
