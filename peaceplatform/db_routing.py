"""Read replicas: with DATABASE_REPLICA_URL set, public reads go to a streaming replica.

The rule, in the order the router applies it:

- every write goes to the primary ("default");
- a read inside a transaction on the primary stays there, so a write transaction
  never mixes its own uncommitted rows with a replica's older snapshot;
- requests that belong to staff or change something are pinned to the primary
  (``PrimaryPinMiddleware``): the admin, previews, any unsafe method, and any request
  carrying a session cookie. Staff therefore read their own writes at once, however
  far the replica lags;
- tables that must never be read stale (sessions, accounts, sign-in lockouts, API
  keys and quotas, the database cache) are always read on the primary;
- everything else, which is what anonymous visitors and partner sites read, goes to
  the replica, unless the replica cannot be reached: then the primary answers, and
  the replica is tried again REPLICA_RETRY_SECONDS later;
- a read request whose view lost the replica while it ran (the replica stopped, its
  session was terminated) is answered again from the primary, once, instead of a 503:
  a GET or HEAD changes nothing, so running its view twice is safe.

Without a replica configured the router says nothing and Django uses "default".
"""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from django.conf import settings
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    InterfaceError,
    OperationalError,
    connections,
)

logger = logging.getLogger(__name__)

REPLICA = "replica"

# Apps whose reads must see the latest committed write.
PRIMARY_ONLY_APPS = frozenset(
    {"auth", "sessions", "admin", "axes", "rest_framework_api_key", "django_cache", "peaceplatform"}
)

# Paths served to staff, who must read their own writes.
PRIMARY_PATHS = ("/admin/", "/preview/")

# After a failed connection, how long public reads stay on the primary before the
# replica is tried again (per process).
REPLICA_RETRY_SECONDS = 10

_pinned = ContextVar("pinned_to_primary", default=False)
_replica_down_until = 0.0


def replica_configured() -> bool:
    return REPLICA in connections.settings


def replica_reachable() -> bool:
    """Connect (or borrow from the pool) at the first read routed to the replica, so
    that a replica that is down costs one failed attempt per REPLICA_RETRY_SECONDS, not
    a failed page; requests that read nothing (static files, probes) never connect."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    try:
        connections[REPLICA].ensure_connection()
    except DatabaseError as error:
        _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        logger.warning(
            "replica unreachable, public reads use the primary for %s s: %s",
            REPLICA_RETRY_SECONDS,
            error,
        )
        return False
    return True


def retry_replica_now() -> None:
    global _replica_down_until
    _replica_down_until = 0.0


@contextmanager
def use_primary():
    """Send every read in this block to the primary (management commands, tasks)."""
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not replica_configured():
            return None
        if (
            _pinned.get()
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
            or not replica_reachable()
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: a replica is a copy of the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def pins_to_primary(request) -> bool:
    return (
        request.method not in ("GET", "HEAD", "OPTIONS")
        or request.path_info.startswith(PRIMARY_PATHS)
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


def replica_lost(error) -> None:
    """The replica failed under a running query: public reads use the primary for
    REPLICA_RETRY_SECONDS, and the broken connection is dropped."""
    global _replica_down_until
    _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
    logger.warning(
        "replica lost during a request, public reads use the primary for %s s: %s",
        REPLICA_RETRY_SECONDS,
        error,
    )
    with suppress(DatabaseError):  # already broken: closing it is all that was wanted
        connections[REPLICA].close()


class PrimaryPinMiddleware:
    """Decides, from the request alone (no query), whether it reads the primary; and
    answers a read whose view lost the replica again from the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not pins_to_primary(request):
            response = self.get_response(request)
            lost = getattr(request, "_replica_lost", None)
            if lost is None or request.method not in ("GET", "HEAD"):
                return response
            replica_lost(lost)
            request._replica_lost = None
        token = _pinned.set(True)
        try:
            return self.get_response(request)
        finally:
            _pinned.reset(token)

    def process_exception(self, request, exception):
        """Noted, not handled: the usual 503 is made, and __call__ decides whether to
        answer again. Only when the replica itself is broken: a primary that is down
        would fail the second answer too."""
        if (
            isinstance(exception, (OperationalError, InterfaceError))
            and not _pinned.get()
            and replica_configured()
            and replica_broken()
        ):
            request._replica_lost = exception
        return None


def replica_broken() -> bool:
    replica = connections[REPLICA]
    return replica.connection is not None and not replica.is_usable()
