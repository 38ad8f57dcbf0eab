"""An index's worth, measured in one run: pages timed with the index and without it,
in alternate rounds, on the same database and in the same process.

    .venv/bin/python bench/index_ab.py --index report_kind_recent \\
        --reports 1000000 "/reports/?kind=resolution" "/reports/?topic=…&year=2001"

An index cannot be compared across two trees (bench/compare.py): both would read the
same database, index and all. Here each round without it drops the index inside a
transaction that is rolled back at the end of the round, so the requests of that round
plan without it, and it is back, untouched, for the next one. Each round first asks
for every page once (plans, caches), then times `--runs` requests of each.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.common import configure, ensure_corpus, percentile, rolled_back  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", nargs="+", help="pages to time")
    parser.add_argument("--index", required=True, help="the index to do without")
    parser.add_argument("--reports", type=int, default=100_000, help="corpus size")
    parser.add_argument("--rounds", type=int, default=6, help="rounds, alternately")
    parser.add_argument("--runs", type=int, default=10, help="timed requests per page a round")
    args = parser.parse_args()

    configure(None, args.reports)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    ensure_corpus(args.reports)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [args.index])
        if cursor.fetchone() is None:
            print(f"No index named {args.index!r}.", file=sys.stderr)
            return 2
    client = Client()
    times = {"without": {url: [] for url in args.urls}, "with": {url: [] for url in args.urls}}
    failures = []
    for round_number in range(args.rounds):
        way = "without" if round_number % 2 == 0 else "with"
        with rolled_back(connection, drop_index=args.index if way == "without" else None):
            for url in args.urls:
                client.get(url)
            for url in args.urls:
                for _ in range(args.runs):
                    started = time.perf_counter()
                    response = client.get(url)
                    times[way][url].append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        failures.append(f"{url} answered {response.status_code}")
    print(f"Index {args.index}: {args.rounds} rounds, {args.runs} requests per page a round")
    print(f"{'page':<70} {'without p50':>11} {'p95':>7} {'with p50':>9} {'p95':>7}")
    for url in args.urls:
        without, with_ = times["without"][url], times["with"][url]
        print(
            f"{url[:70]:<70} {statistics.median(without):9.1f}ms {percentile(without, 0.95):5.1f}ms"
            f" {statistics.median(with_):7.1f}ms {percentile(with_, 0.95):5.1f}ms"
        )
    for failure in sorted(set(failures)):
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
