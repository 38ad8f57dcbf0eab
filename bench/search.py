"""Search benchmark: server time of the search pages per kind of query, beside the
same SQL run bare through psycopg, in the same run.

    .venv/bin/python bench/search.py --reports 100000
    .venv/bin/python bench/search.py --reports 100000,1000000   # and the growth column

It uses its own database per size (``peaceplatform_bench_<size>`` on the embedded
server, or BENCH_DATABASE_URL for one size), loads the sample corpus with
generate_corpus when it is not there yet, then for each kind of query: requests the
page in-process with Django's test client (server time: URL routing, views, every
query, templates), records the SQL the page ran, and replays exactly that SQL on a
plain psycopg connection. The ratio page / bare SQL says what the application adds
on top of PostgreSQL.
"""

import argparse
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


def kinds(rare_words: list[str], language: str = "en") -> dict[str, list[str]]:
    if language == "fr":
        return french_kinds(rare_words)
    return {
        "rare term": [f"/reports/?q={word}" for word in rare_words],
        "common term": ["/reports/?q=peace", "/reports/?q=security", "/reports/?q=mission"],
        "phrase": [
            '/reports/?q="rapid deployment capabilities"',
            '/reports/?q="protection of civilians" -Juba',
            "/reports/?q=mandate OR transition",
        ],
        "symbol": ["/reports/?q=A/SMP70/", "/reports/?q=A/70/95", "/reports/?q=S/SMP2001/"],
        "facets": [
            "/reports/?topic=protection-of-civilians",
            "/reports/?topic=regional-partnerships&year=2001&kind=policy_paper",
            "/reports/?q=peace&topic=accountability&member_state=FIN",
        ],
        "browse": ["/reports/", "/reports/?sort=oldest&page=40"],
        "site search": ["/search/?q=peace", "/search/?q=Gao", "/search/?q=finland"],
    }


def french_kinds(rare_words: list[str]) -> dict[str, list[str]]:
    """The same kinds on the French pages, in French words (a third of the sample
    reports have a French title: generate_corpus). Each query is read in French and in
    English (core/search.websearch), so these are the heavier queries of the two."""
    return {
        "rare term": [f"/fr/reports/?q={word}" for word in rare_words],
        "common term": ["/fr/reports/?q=paix", "/fr/reports/?q=sécurité", "/fr/reports/?q=mandats"],
        "phrase": [
            '/fr/reports/?q="déploiement rapide"',
            '/fr/reports/?q="protection des civils" -Juba',
            "/fr/reports/?q=mandats OR transitions",
        ],
        "symbol": [
            "/fr/reports/?q=A/SMP70/",
            "/fr/reports/?q=A/70/95",
            "/fr/reports/?q=S/SMP2001/",
        ],
        "facets": [
            "/fr/reports/?topic=protection-of-civilians",
            "/fr/reports/?topic=regional-partnerships&year=2001&kind=policy_paper",
            "/fr/reports/?q=paix&topic=accountability&member_state=FIN",
        ],
        "browse": ["/fr/reports/", "/fr/reports/?sort=oldest&page=40"],
        "site search": ["/fr/search/?q=paix", "/fr/search/?q=Gao", "/fr/search/?q=civils"],
    }


# Every kind of search page answers within this (ms, p95), at every size.
TARGET_MS = 50.0


def target(kind: str) -> float:
    return TARGET_MS


def is_read(statement: str) -> bool:
    return statement.lstrip().upper().startswith(("SELECT", "WITH"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reports",
        default="100000",
        help="corpus size, or several separated by commas for a growth column",
    )
    parser.add_argument("--runs", type=int, default=30, help="timed requests per kind")
    parser.add_argument(
        "--lang",
        choices=["en", "fr"],
        default="en",
        help="the pages' language: fr searches the French pages with French words",
    )
    parser.add_argument("--results", help=argparse.SUPPRESS)  # JSON out, for run_sizes
    args = parser.parse_args()
    reports = sizes(args.reports)
    if len(reports) > 1:
        results = run_sizes(__file__, reports, ["--runs", str(args.runs), "--lang", args.lang])
        return 0 if print_growth(results, target) else 1
    args.reports = reports[0]

    configure(os.environ.get("BENCH_DATABASE_URL"), args.reports)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from peaceplatform.management.commands.generate_corpus import RARE_WORDS
    from reports.models import Report

    ensure_corpus(args.reports)

    bare = bare_connection(connection)
    client = Client()
    rare = [w for w in RARE_WORDS[::97]][:5]
    print(
        f"Search benchmark: {Report.objects.count():,} reports, {args.runs} requests per kind,"
        f" pages in {args.lang}"
    )
    print(f"{'kind':<13} {'page p50':>9} {'page p95':>9} {'SQL p50':>9} {'SQL p95':>9} "
          f"{'page/SQL':>9} {'queries':>8}")  # fmt: skip
    failures, rows = [], {}
    for kind, urls in kinds(rare, args.lang).items():
        for url in urls:  # warm caches and plans
            client.get(url)
        page_times, sql_times, query_counts = [], [], []
        by_url = {url: [] for url in urls}
        for run in range(args.runs):
            url = urls[run % len(urls)]
            # Timed without capturing: capture formats every statement, which costs time.
            started = time.perf_counter()
            response = client.get(url)
            page_times.append((time.perf_counter() - started) * 1000)
            by_url[url].append(page_times[-1])
            if response.status_code != 200:
                failures.append(f"{url} answered {response.status_code}")
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            statements = [query["sql"] for query in captured.captured_queries]
            query_counts.append(len(statements))
            sql_times.append(replay(bare, statements, keep=is_read))
        page_p50, page_p95 = statistics.median(page_times), percentile(page_times, 0.95)
        sql_p50, sql_p95 = statistics.median(sql_times), percentile(sql_times, 0.95)
        rows[kind] = {"p50": page_p50, "p95": page_p95}
        print(
            f"{kind:<13} {page_p50:8.1f}ms {page_p95:8.1f}ms {sql_p50:8.1f}ms {sql_p95:8.1f}ms "
            f"{page_p50 / sql_p50 if sql_p50 else 0:8.2f}× {max(query_counts):>8}"
        )
        if len(urls) > 1:
            # A kind's p95 is mostly its slowest page's: which one, and its median.
            slowest = max(by_url, key=lambda url: statistics.median(by_url[url]))
            print(f"  slowest page, p50 {statistics.median(by_url[slowest]):.1f}ms: {slowest}")
    bare.close()
    # What no page can go below: a request that runs no query through the same
    # middleware, rendering the base template (the 404 page).
    floor = []
    for _ in range(args.runs):
        started = time.perf_counter()
        client.get("/no-such-page/")
        floor.append((time.perf_counter() - started) * 1000)
    print(
        f"{'no query (404)':<13} {statistics.median(floor):8.1f}ms "
        f"{percentile(floor, 0.95):8.1f}ms  (the floor: middleware and the base template)"
    )
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    write_results(args.results, rows)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
