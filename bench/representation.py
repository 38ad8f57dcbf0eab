"""A/B of the API's planned serialization (ItemSerializer.to_representation) against
DRF's own loop, in one process, on the benchmark corpus (see bench/api.py): the two
paths alternate request by request, so the VM's drift hits both alike.

    .venv/bin/python bench/representation.py --runs 60
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import configure

URLS = [
    "/api/v1/reports/?limit=20",
    "/api/v1/reports/?limit=100",
    "/api/v1/member-states/?limit=200",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=60, help="requests per path and URL")
    parser.add_argument("--database-url", help="default: the embedded peaceplatform_bench")
    args = parser.parse_args()
    configure(args.database_url)

    import django

    django.setup()
    from django.conf import settings
    from rest_framework.test import APIClient

    from core.api.fields import ItemSerializer

    settings.API_ANONYMOUS_RATE = 10**9
    client = APIClient(HTTP_HOST="testserver")
    print(f"{'URL':<36} {'planned':>9} {'DRF':>9} {'saved':>14}")
    for url in URLS:
        for _ in range(5):
            client.get(url)  # warm caches and plans
        times = {True: [], False: []}
        for run in range(2 * args.runs):
            fast = run % 2 == 0
            ItemSerializer.FAST_REPRESENTATION = fast
            started = time.perf_counter()
            response = client.get(url)
            times[fast].append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        planned, drf = statistics.median(times[True]), statistics.median(times[False])
        saved = drf - planned
        print(f"{url:<36} {planned:7.1f}ms {drf:7.1f}ms {saved:6.1f}ms ({saved / drf:4.0%})")
    ItemSerializer.FAST_REPRESENTATION = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
