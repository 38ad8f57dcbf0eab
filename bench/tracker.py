"""Tracker benchmark: the recommendation tracker with many recommendations, and its
chart figures beside the same figures worked out the first way (a lookup per
recommendation, then per recommendation and year), in the same run.

    .venv/bin/python bench/tracker.py --recommendations 5000

It uses the benchmark database as bench/search.py leaves it (run that first: it loads
the corpus) and adds the recommendations, each with none to four implementation
updates spread over twelve years, in a transaction it rolls back at the end: the
database is left as it was.
"""

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.common import configure, percentile  # noqa: E402

STATUSES = ["in_progress", "partial", "implemented", "not_started"]


class RolledBack(Exception):
    pass


def add_recommendations(count: int) -> None:
    from reports.models import Recommendation, RecommendationUpdate, Report

    reports = list(Report.objects.published().order_by("pk")[:500])
    if not reports:
        raise SystemExit("No reports: run bench/search.py first, which loads the corpus.")
    recommendations = Recommendation.objects.bulk_create(
        [
            Recommendation(
                report=reports[n % len(reports)],
                label=f"B{n}",
                slug=f"bench-{n}",
                order=n % 30_000,
                title=f"Benchmark recommendation {n}",
                text="Strengthen the planning and rapid deployment of peace operations.",
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    published = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    updates = [
        RecommendationUpdate(
            recommendation=recommendation,
            implementation_status=STATUSES[(n + k) % len(STATUSES)],
            dated=datetime.date(2012 + (7 * n + 3 * k) % 12, 1 + 3 * k, 1),
            summary="Benchmark update.",
            source_report=reports[0],
            status="published",
            publish_at=published,
        )
        for n, recommendation in enumerate(recommendations)
        for k in range(n % 5)
    ]
    RecommendationUpdate.objects.bulk_create(updates, batch_size=1000)


def timed(function, runs: int) -> list[float]:
    function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recommendations", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    configure(None)
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client

    from reports.models import Recommendation
    from reports.tracker import progress
    from tests.tracker_reference import reference_progress

    client = Client()
    try:
        with transaction.atomic():
            add_recommendations(args.recommendations)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE reports_recommendation, reports_recommendationupdate")
            every = Recommendation.objects.published()
            print(
                f"Tracker benchmark: {every.count():,} recommendations, {args.runs} runs each, ms"
            )
            print(f"{'what':<44} {'p50':>7} {'p95':>7}")
            for url in [
                "/recommendations/",
                "/recommendations/?q=deployment",
                "/recommendations/?status=implemented",
            ]:
                times = timed(lambda url=url: client.get(url), args.runs)
                print(f"{url:<44} {statistics.median(times):7.1f} {percentile(times, 0.95):7.1f}")
            ours = timed(lambda: progress(every), args.runs)
            lookups = timed(lambda: reference_progress(every), args.runs)
            for label, times in [
                ("chart figures, one pass (reports/tracker.py)", ours),
                ("chart figures, a lookup each (baseline)", lookups),
            ]:
                print(f"{label:<44} {statistics.median(times):7.1f} {percentile(times, 0.95):7.1f}")
            print(f"baseline / ours: {statistics.median(lookups) / statistics.median(ours):.1f}x")
            raise RolledBack
    except RolledBack:
        pass  # the recommendations added are gone
    return 0


if __name__ == "__main__":
    sys.exit(main())
