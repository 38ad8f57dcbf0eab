"""Operations benchmark: an operation's page and a member state's profile, each with
its chart of monthly uniformed contributions, on the sample corpus (five years of
monthly figures for every operation, from 25 contributors each, in three personnel
types: generate_corpus), against the target of issue 29 (p95 ≤ 50 ms).

    .venv/bin/python bench/operations.py --reports 100000

The pages are served in-process by Django's test client, uncached (the page cache is
off in every benchmark), and each request's queries are counted: the count must be the
same for every operation and every member state, however many figures each has.
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
    configure,
    ensure_corpus,
    percentile,
    print_growth,
    run_sizes,
    sizes,
    write_results,
)

TARGET_MS = 50.0


def target(kind: str) -> float:
    return TARGET_MS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reports",
        default="100000",
        help="corpus size, or several separated by commas for a growth column",
    )
    parser.add_argument("--runs", type=int, default=200, help="timed requests per kind")
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
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from directory.models import MemberState
    from operations.models import Contribution, Operation
    from reports.models import Report

    ensure_corpus(args.reports)
    figures = Contribution.objects.count()
    # The operations and the member states with the most figures: the heaviest pages.
    busiest_operations = list(
        Operation.objects.published()
        .annotate(n=Count("contributions"))
        .order_by("-n", "pk")
        .values_list("slug", "n")[:10]
    )
    busiest_states = list(
        MemberState.objects.annotate(n=Count("contributions"))
        .order_by("-n", "pk")
        .values_list("slug", "n")[:10]
    )
    kinds = {
        "operation page": [f"/operations/{slug}/" for slug, _ in busiest_operations],
        "member state": [f"/member-states/{slug}/" for slug, _ in busiest_states],
    }
    client = Client(HTTP_HOST="testserver")
    print(
        f"Operations benchmark: {Report.objects.count():,} reports, {figures:,} monthly "
        f"figures; up to {busiest_operations[0][1]:,} a page for an operation, "
        f"{busiest_states[0][1]:,} for a member state; {args.runs} requests per kind"
    )
    print(f"{'kind':<16} {'p50':>8} {'p95':>8} {'target':>8} {'queries':>10}  verdict")
    rows, ok = {}, True
    for kind, urls in kinds.items():
        for url in urls:
            client.get(url)  # warm caches and plans
        times, counts = [], set()
        for run in range(args.runs):
            url = urls[run % len(urls)]
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200 or b"Sample figures" not in response.content:
                raise SystemExit(f"{url} answered {response.status_code} without its figures")
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            counts.add(len(captured))
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        fine = p95 <= TARGET_MS and len(counts) == 1
        ok &= fine
        rows[kind] = {"p50": p50, "p95": p95}
        queries = "/".join(str(n) for n in sorted(counts))
        print(
            f"{kind:<16} {p50:7.1f}ms {p95:7.1f}ms {TARGET_MS:7.0f}ms {queries:>10}  "
            f"{'ok' if fine else 'OVER'}"
        )
    write_results(args.results, rows)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
