"""The content version shared by the public page cache (peaceplatform/page_cache.py)
and the API's answer cache (core/api/viewsets.py).

``peaceplatform_contentversion`` holds one number that statement triggers on every
content table replace in the writing transaction (installed by peaceplatform's
migrations); the latest passed "public from" time covers scheduled content, which
becomes public without a write. Keys built from both never outlive what they show.
"""

from __future__ import annotations

import functools
import hashlib
import logging

import psycopg
from django.core.cache import cache
from django.db import connections, router
from django.http import HttpResponse
from django.utils import translation

logger = logging.getLogger(__name__)


# Both are built once per process: they are read on every cached request.
@functools.cache
def _publishable_models() -> tuple:
    from django.apps import apps

    from core.publishing.status import Workflowed

    return tuple(m for m in apps.get_models() if issubclass(m, Workflowed))


@functools.cache
def version_sql() -> str:
    from core.publishing.status import public_sql

    latest = ", ".join(
        f"(SELECT max(publish_at) FROM {m._meta.db_table} WHERE {public_sql()})"  # noqa: S608
        for m in _publishable_models()
    )
    return (
        "SELECT (SELECT version FROM peaceplatform_contentversion WHERE id = 1), "  # noqa: S608
        f"GREATEST({latest})"
    )


def current_version() -> str:
    """The cache's view of all public content, read from the database public reads use."""
    connection = connections[router.db_for_read(_publishable_models()[0])]
    connection.ensure_connection()
    # Prepared: PostgreSQL plans this statement once per connection instead of every
    # time; planning its seven subqueries costs more than running them. Django's
    # cursors bind on the client and never prepare, so this one is a psycopg cursor,
    # logged and counted as Django's own are.
    sql = version_sql()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as raw:
        if connection.queries_logged:
            with connection.make_debug_cursor(raw).debug_sql(sql):
                raw.execute(sql, prepare=True)
        else:
            raw.execute(sql, prepare=True)
        version, latest_public = raw.fetchone()
    return f"{version or 0}:{latest_public.timestamp() if latest_public else 0}"


def answer_key(request) -> str:
    """The address and the answer's language (core/api/mixins.LanguageMixin): the
    same address answers in French to a French Accept-Language."""
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"api:{current_version()}:{translation.get_language()}:{address}"


def cached_answer(key: str) -> HttpResponse | None:
    try:
        stored = cache.get(key)
    except Exception:  # a cache outage slows answers down, it must not break them
        logger.warning("answer cache unavailable", exc_info=True)
        return None
    if stored is None:
        return None
    content_type, content = stored
    return HttpResponse(content, content_type=content_type)


def keep_answer(key: str, response, seconds: int) -> None:
    try:
        cache.set(key, (response["Content-Type"], response.content), seconds)
    except Exception:
        logger.warning("answer cache unavailable", exc_info=True)


def over_hourly_limit(purpose: str, who: str, limit: int) -> bool:
    """Count one more request by `who` (an address, a mailbox) for `purpose` this hour;
    whether that passes `limit`. Kept in the cache, hashed: no address is stored."""
    key = f"{purpose}:" + hashlib.sha256(who.encode()).hexdigest()
    cache.add(key, 0, timeout=60 * 60)
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr: this request starts a new hour
        cache.set(key, 1, timeout=60 * 60)
        return False
