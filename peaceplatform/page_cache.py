"""Anonymous public pages, cached briefly and dropped the moment what they show changes.

A cached page is stored under a key made of

- the **content version**: one row (``ContentVersion``) that statement triggers on every
  table of the content apps set to a new number from a sequence, in the writing
  transaction itself. Every way of changing content moves it: the admin, imports,
  restores from the trash, management commands, raw SQL. The new number becomes
  visible exactly when the change is committed, never before;
- the **latest "public from" time that has passed** across the publishable tables:
  scheduled content becomes public without any write, and this value moves at that
  moment (one backward index scan per table, see ``Publishable.Meta.indexes``);
- a hash of the address: scheme, host, path and query string.

Both values are read in one query from the database the page itself reads (the
replica for visitors, when there is one), so a page is never stored under a version
older than the data it was drawn from. Old entries are never looked up again and
expire after ``PAGE_CACHE_SECONDS``.

Only anonymous GETs are cached: no session cookie, outside the admin, the API (it has
its own validators and quotas), previews and probes; only complete 200 responses that
set no cookie and do not forbid caching.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from core.caching import current_version
from core.publishing import CONTENT_APPS
from peaceplatform.db_routing import pins_to_primary

logger = logging.getLogger(__name__)

SEQUENCE = "platform_content_version_seq"
FUNCTION = "platform_bump_content_version"
TRIGGER = "platform_content_version"
HEADER = "X-Page-Cache"

# /oai/ too: its deleted records come from the changes feed, which the content version
# does not follow (peaceplatform/changes.py).
UNCACHED_PATHS = (
    "/admin/",
    "/api/",
    "/preview/",
    "/healthz",
    "/readyz",
    "/static/",
    "/media/",
    "/oai/",
)

# Names and statuses below are our own constants, never input.
FUNCTION_SQL = f"""
CREATE SEQUENCE IF NOT EXISTS {SEQUENCE};
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- An upsert, so that a TRUNCATE of the version table (tests' flush) cannot
    -- stop the versions; the sequence never repeats a number, so no key is reused.
    INSERT INTO peaceplatform_contentversion (id, version, changed_at)
    VALUES (1, nextval('{SEQUENCE}'), statement_timestamp())
    ON CONFLICT (id) DO UPDATE
        SET version = EXCLUDED.version, changed_at = EXCLUDED.changed_at;
    RETURN NULL;
END
$$;
"""  # noqa: S608


def content_tables() -> list[str]:
    """Every table whose rows a public page may show: the content apps' models and
    their many-to-many tables, without the history's snapshot tables."""
    from django.apps import apps
    from pghistory.models import Event

    tables = set()
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.managed and not issubclass(model, Event):
                tables.add(model._meta.db_table)
    return sorted(tables)


def install_version_triggers(schema_editor, tables) -> None:
    """Idempotent. A migration that adds a content table calls this for it; a test
    fails while any content table lacks the trigger."""
    quote = schema_editor.quote_name
    for table in tables:
        schema_editor.execute(
            f"CREATE OR REPLACE TRIGGER {TRIGGER} "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quote(table)} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        )


def cacheable_request(request) -> bool:
    return (
        request.method == "GET"
        and not pins_to_primary(request)
        and not request.path_info.startswith(UNCACHED_PATHS)
        # Served before SecurityMiddleware: a plain-HTTP request must get its redirect.
        and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
    )


def cacheable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def page_key(address: str, version: str) -> str:
    # The whole address, scheme and host too: pages carry absolute links (canonical,
    # feeds, JSON-LD).
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{version}:{digest}"


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not cacheable_request(request):
            return self.get_response(request)
        # Outside the try: a Host header not in ALLOWED_HOSTS raises here and answers
        # 400 as it would without the cache, instead of being logged as a cache failure.
        address = request.build_absolute_uri()
        try:
            key = page_key(address, current_version())
            stored = cache.get(key)
        except Exception:  # a cache outage slows pages down, it must not break them;
            # with the database gone the page answers as it would without the cache.
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if cacheable_response(response):
            try:
                cache.set(
                    key, (response.status_code, list(response.items()), response.content), seconds
                )
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)
            response[HEADER] = "miss"
        return response
