"""Rate limits: a fixed one-minute window per key (its own rate) or per client
address (API_ANONYMOUS_RATE). Every answer says where the client stands.

The counters must be shared by every worker process and exact under concurrency.
With Redis (REDIS_URL) they live in the Redis cache, whose INCR is atomic. Without
it they live in PostgreSQL, but not in Django's database cache: its incr() reads,
then writes (two requests at once can both read 41), and costs eleven queries. A
single upsert on an unlogged table does it in one atomic statement."""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from redis.exceptions import RedisError
from rest_framework.exceptions import Throttled
from rest_framework.throttling import BaseThrottle

from core.client import client_address

logger = logging.getLogger(__name__)

WINDOW = 60
# The key's last-used time is written at most this often; its daily count, every time.
LAST_USED_RESOLUTION = 60


@dataclass(frozen=True)
class Quota:
    limit: int
    remaining: int
    reset: int  # Unix time at which the window ends

    @property
    def wait(self) -> int:
        return max(1, self.reset - int(time.time()))


class QuotaThrottle(BaseThrottle):
    def allow_request(self, request, view):
        key = request.auth
        if key is not None:
            limit, ident = key.rate_limit, f"key:{key.prefix}"
            record_use(key)
        else:
            limit, ident = settings.API_ANONYMOUS_RATE, f"addr:{self.get_ident(request)}"
        window = current_window()
        used = count(ident, window)
        self.quota = Quota(limit=limit, remaining=max(0, limit - used), reset=window + WINDOW)
        request.quota = self.quota
        return used <= limit

    def get_ident(self, request):
        return client_address(request)

    def wait(self):
        return self.quota.wait


def current_window() -> int:
    now = int(time.time())
    return now - now % WINDOW


def count(ident: str, window: int) -> int:
    """This window's requests for ``ident``, this one included. With Redis out of
    reach, counted in PostgreSQL meanwhile: a cache outage must not take the API down
    (found by running the compose topology and stopping Redis: every answer was a 500).
    The two counts do not add up across the outage, for one window at most."""
    if settings.REDIS_URL:
        try:
            return count_in_redis(ident, window)
        except RedisError as error:
            logger.warning("rate limits counted in the database: Redis failed (%s)", error)
    return count_in_database(ident, window)


def count_failed_authentication(request) -> None:
    """A wrong, revoked or expired key counts against its client address; past
    API_AUTH_FAILURE_RATE a minute the answer is 429, so keys cannot be tried at speed."""
    window = current_window()
    if count(f"badkey:{client_address(request)}", window) > settings.API_AUTH_FAILURE_RATE:
        raise Throttled(
            wait=max(1, window + WINDOW - int(time.time())),
            detail="Too many requests with a key that is not valid from your address. "
            "Check the key, then try again after the time in Retry-After.",
        )


def count_in_database(ident: str, window: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO peaceplatform_quotawindow (ident, window_start, used)
            VALUES (%s, %s, 1)
            ON CONFLICT (ident) DO UPDATE SET
                used = CASE WHEN peaceplatform_quotawindow.window_start = EXCLUDED.window_start
                            THEN peaceplatform_quotawindow.used + 1 ELSE 1 END,
                window_start = EXCLUDED.window_start
            RETURNING used
            """,
            [ident[:100], window],
        )
        return cursor.fetchone()[0]


def count_in_redis(ident: str, window: int) -> int:
    counter = f"quota:{ident}:{window}"
    cache.add(counter, 0, timeout=WINDOW * 2)
    try:
        return cache.incr(counter)
    except ValueError:  # expired between add and incr
        cache.set(counter, 1, timeout=WINDOW * 2)
        return 1


def record_use(key):
    """One more request today for this key, counted in the database with an upsert
    (atomic across processes), and the key's last-used time."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO peaceplatform_keyusage (key_id, day, requests) VALUES (%s, %s, 1)
            ON CONFLICT (key_id, day) DO UPDATE
            SET requests = peaceplatform_keyusage.requests + 1
            """,
            [key.pk, now.date()],
        )
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > LAST_USED_RESOLUTION:
        type(key).objects.filter(pk=key.pk).update(last_used_at=now)
