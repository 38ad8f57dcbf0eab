"""Queueing a job that one waiting copy is enough for."""

import contextlib

from django.db import transaction
from procrastinate import exceptions


def defer_once(task, lock: str, **arguments) -> None:
    """Queue `task` unless a job under `lock` waits already: the waiting one will do
    this one's work when it runs (it sends everything waiting), and jobs under one lock
    never run side by side. The refusal of a second comes from a unique index: in a
    savepoint, so that it does not abort the caller's transaction (and what it wrote
    for the job to send)."""
    with contextlib.suppress(exceptions.AlreadyEnqueued), transaction.atomic():
        task.configure(lock=lock, queueing_lock=lock).defer(**arguments)
