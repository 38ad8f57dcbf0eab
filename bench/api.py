"""API benchmark: server time of /api/v1/ per kind of request, beside the same SQL run
bare through psycopg and beside a naive DRF implementation (bench/naive.py), all in
the same run on the same data.

    .venv/bin/python bench/api.py --reports 100000
    .venv/bin/python bench/api.py --reports 100000,1000000   # and the growth column

Like bench/search.py it uses its own database and the sample corpus of
generate_corpus. Requests are made in-process with DRF's test client, so the times are
server time: routing, authentication, the quota, every query, serialization and the
ETag, without the network.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.common import (  # noqa: E402
    bare_connection,
    configure,
    ensure_corpus,
    percentile,
    print_growth,
    replay,
    run_sizes,
    sizes,
    write_results,
)

REPLAYED = ("SELECT", "WITH", "EXPLAIN")
# The quota's upsert is replayed too: it is part of every request's SQL. Cache writes
# (a count cached once a minute) are not: replaying them would collide.
QUOTA = "peaceplatform_quotawindow"
DEEP_PAGE = 1_000
PAGE_SIZE = 20


# p95 targets (ms): a list or a detail within 25, anything else within 50, at every size.
TARGETS = {"list": 25.0, "detail": 25.0}


def target(kind: str) -> float:
    return TARGETS.get(kind, 50.0)


def is_replayed(statement: str) -> bool:
    return statement.lstrip().upper().startswith(REPLAYED) or QUOTA in statement


def kinds(sample_slugs, deep_cursor, rare_words, change_cursors, two_keys_cursor):
    return {
        "list": (["/api/v1/reports/"], "/naive/reports/?limit=20"),
        "detail": (
            [f"/api/v1/reports/{slug}/" for slug in sample_slugs],
            f"/naive/reports/{sample_slugs[0]}/",
        ),
        "filtered list": (
            [
                "/api/v1/reports/?topic=protection-of-civilians",
                "/api/v1/reports/?topic=regional-partnerships&year=2001&kind=policy_paper",
                "/api/v1/reports/?member_state=FIN&language=fr",
            ],
            None,
        ),
        "search": (
            [f"/api/v1/reports/?q={word}" for word in rare_words]
            + ["/api/v1/reports/?q=peace", '/api/v1/reports/?q="rapid deployment"'],
            f"/naive/reports/?search={rare_words[0]}&limit=20",
        ),
        "cursor page 1": (["/api/v1/reports/?cursor=*"], None),
        f"cursor page {DEEP_PAGE:,}": ([f"/api/v1/reports/?cursor={deep_cursor}"], None),
        # The query language on par with ReliefWeb's: none of, every one of, a range of
        # years, a scoped search, two sort keys (and a cursor page of them).
        "variants": (
            [
                *VARIANT_QUERIES,
                f"/api/v1/reports/?ordering=-published,title&cursor={two_keys_cursor}",
            ],
            None,
        ),
        # The same queries POSTed as JSON (core/api/posted.py), one with 500 symbols.
        "posted query": (
            [("POST", "/api/v1/reports/", body) for body in posted_bodies()],
            None,
        ),
        "changes page": (
            [f"/api/v1/changes/?since={cursor}&limit=100" for cursor in change_cursors],
            None,
        ),
    }


VARIANT_QUERIES = [
    "/api/v1/reports/?topic__not=protection-of-civilians&kind__not=meeting_note"
    "&year__gte=2005&year__lte=2010",
    "/api/v1/reports/?topic__all=protection-of-civilians&topic__all=regional-partnerships",
    "/api/v1/reports/?q=mandate&q_fields=title",
    "/api/v1/reports/?ordering=-published,title",
]


def posted_bodies() -> list[dict]:
    """VARIANT_QUERIES as JSON bodies, and a query too long for most addresses."""
    from urllib.parse import parse_qsl, urlsplit

    bodies = []
    for url in VARIANT_QUERIES:
        body = {}
        for name, value in parse_qsl(urlsplit(url).query):
            value = int(value) if name.startswith("year") else value
            if name not in body:
                body[name] = value
            else:  # a repeated parameter: a list
                earlier = body[name] if isinstance(body[name], list) else [body[name]]
                body[name] = [*earlier, value]
        bodies.append(body)
    symbols = [f"A/{session}/{number}" for session in range(60, 70) for number in range(1, 51)]
    bodies.append({"symbol": symbols, "kind__not": "meeting_note"})
    return bodies


TOMBSTONES = 10_000


def prepare_changes() -> list[int]:
    """The changes feed as a year of use leaves it: every public item's `published`,
    recorded by a full comparison (timed), and TOMBSTONES `deleted` rows (written
    directly, for items that never existed: deleting that many reports would change the
    corpus the other benchmarks share). Returns cursors spread over the feed."""
    from django.db import connection

    from peaceplatform.changes import record_changes
    from peaceplatform.models import Change

    started = time.perf_counter()
    written = record_changes(force=True)
    full = time.perf_counter() - started
    started = time.perf_counter()
    record_changes(force=True)
    again = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO peaceplatform_change (type, item_id, slug, action, at)
            SELECT 'report', -n, 'bench-deleted-' || n, 'deleted', now()
              FROM generate_series(1, %s - (SELECT count(*) FROM peaceplatform_change
                                             WHERE slug LIKE 'bench-deleted-%%')) AS n
            """,
            [TOMBSTONES],
        )
    total = Change.objects.count()
    print(
        f"Changes feed: {total:,} changes ({TOMBSTONES:,} tombstones); a full comparison "
        f"took {full:.1f} s ({written:,} written), one that found nothing new {again:.1f} s",
        file=sys.stderr,
    )
    ids = list(Change.objects.order_by("id").values_list("id", flat=True)[:: max(1, total // 5)])
    return [0, *ids[1:], Change.objects.latest("id").id - 50]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reports",
        default="100000",
        help="corpus size, or several separated by commas for a growth column",
    )
    parser.add_argument("--runs", type=int, default=30, help="timed requests per kind")
    parser.add_argument("--results", help=argparse.SUPPRESS)  # JSON out, for run_sizes
    args = parser.parse_args()
    reports = sizes(args.reports)
    if len(reports) > 1:
        results = run_sizes(__file__, reports, ["--runs", str(args.runs)])
        return 0 if print_growth(results, target) else 1
    args.reports = reports[0]

    configure(os.environ.get("BENCH_DATABASE_URL"), args.reports)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings
    from rest_framework.test import APIClient

    from core.api.listing import Ordering, encode_cursor
    from peaceplatform.management.commands.generate_corpus import RARE_WORDS
    from reports.api.views import ReportViewSet
    from reports.models import Report

    ensure_corpus(args.reports)
    settings.API_ANONYMOUS_RATE = 10**9  # the benchmark is one busy client

    newest = ReportViewSet.orderings[0]
    published = Report.objects.published().order_by(*newest.order_by())
    sample_slugs = list(published.values_list("slug", flat=True)[1000:50000:9999])
    last_of_previous = published[DEEP_PAGE * PAGE_SIZE - PAGE_SIZE - 1]
    deep_cursor = encode_cursor(newest, newest.values_of(last_of_previous))

    bare = bare_connection(connection)
    client = APIClient(HTTP_HOST="testserver")
    rare = list(RARE_WORDS[::97])[:5]
    change_cursors = prepare_changes()
    two_keys = Ordering.combined([newest, ReportViewSet.orderings[2]])  # -published,title
    two_keys_rows = Report.objects.published().order_by(*two_keys.order_by())
    two_keys_cursor = encode_cursor(
        two_keys, two_keys.values_of(two_keys_rows[DEEP_PAGE * PAGE_SIZE // 10])
    )

    def send(request):
        """A GET of an address, or ("POST", address, JSON body)."""
        if isinstance(request, str):
            return client.get(request)
        _method, url, body = request
        return client.post(url, data=json.dumps(body), content_type="application/json")

    def timed(request, runs):
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = send(request)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(
                    f"{request} answered {response.status_code}: {response.content[:300]}"
                )
        return times

    print(f"API benchmark: {Report.objects.count():,} reports, {args.runs} requests per kind")
    print(
        f"{'kind':<16} {'p50':>8} {'p95':>8} {'SQL p50':>8} {'SQL p95':>8} {'API/SQL':>8} "
        f"{'naive p50':>10} {'naive/API':>10} {'queries':>8}"
    )
    rows = {}
    for kind, (urls, naive_url) in kinds(
        sample_slugs, deep_cursor, rare, change_cursors, two_keys_cursor
    ).items():
        for url in urls:
            send(url)  # warm caches and plans
        page_times, sql_times, counts = [], [], []
        for run in range(args.runs):
            url = urls[run % len(urls)]
            page_times += timed(url, 1)
            with CaptureQueriesContext(connection) as captured:
                send(url)
            statements = [q["sql"] for q in captured.captured_queries]
            counts.append(len(statements))
            sql_times.append(replay(bare, statements, keep=is_replayed))
        naive_p50 = None
        if naive_url:
            with override_settings(ROOT_URLCONF="bench.naive"):
                client.get(naive_url)
                naive_p50 = statistics.median(timed(naive_url, max(3, args.runs // 10)))
        p50, p95 = statistics.median(page_times), percentile(page_times, 0.95)
        sql50, sql95 = statistics.median(sql_times), percentile(sql_times, 0.95)
        rows[kind] = {"p50": p50, "p95": p95}
        naive = (
            f"{naive_p50:8.1f}ms {naive_p50 / p50:9.1f}×" if naive_p50 else f"{'–':>10} {'–':>10}"
        )
        print(
            f"{kind:<16} {p50:6.1f}ms {p95:6.1f}ms {sql50:6.1f}ms {sql95:6.1f}ms "
            f"{p50 / sql50 if sql50 else 0:7.2f}× {naive} {max(counts):>8}"
        )
    bare.close()
    write_results(args.results, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
