"""Orders benchmark: lists read in an order other than newest first, each timed as it
runs now and again as it ran before 2026-11-29 (evening), in the same run.

- By last change: what a partner mirroring the catalogue asks for (what changed since
  its last run, in the order it changed, page by page), and the other requests that
  read rows by their last change. Before: without the "changes" indexes
  (`<model>_changes` on `updated_at, id`, core/publishing/status.py and
  events.Participation), and with the recommendations' `updated_since` looking their
  updates up through every report (`through_reports` below).
- By title: the site's "Title A–Z" and the API's `ordering=title`. Before: without
  the title indexes (`report_by_title`, `event_by_title`).
- By offset, deep: the API's `offset=10000`. Before: the page read with OFFSET in one
  query (`sliced` below), instead of its ids first (core.listing.rows_between).
- Newest first within several years: `year=2001&year=2003`. Before: the years OR-ed
  (`years_or_ed` below), without the ranges and span of core.listing.YearsFilter.
- Deep pages of the site's lists: `/reports/?q=peace&sort=oldest&page=50`. Before:
  Django's own Paginator, one query with OFFSET (core.listing.IdsFirstPaginator
  looks the page's ids up first).
- Nearest first: "Did you mean …" on a search that found nothing. Before: every title
  and name filtered by its similarity to the query (`suggestion_by_similarity` below),
  without the title's GiST index (`report_title_nearest`).

    .venv/bin/python bench/orders.py --runs 20

It uses the benchmark database as bench/search.py leaves it (run that first: it loads
the corpus). The second half drops the indexes inside a transaction that it rolls
back at the end: the database is left as it was.
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

INDEXES = (
    "report_title_nearest",
    "report_changes",
    "event_changes",
    "participation_changes",
    "report_by_title",
    "event_by_title",
)
SYNC_PAGE = 1000
DEEP_PAGE = 50  # sync pages into the set: 50,000 reports deep


class RolledBack(Exception):
    pass


def years_or_ed(self, queryset, value):
    """core.listing.YearsFilter.filter as it was (django-filter's own): a date
    lookup per year, OR-ed."""
    from django.db.models import Q

    condition = Q()
    for year in set(value or ()):
        condition |= Q(**{f"{self.field_name}__year": int(year)})
    return queryset.filter(condition) if value else queryset


def suggestion_by_similarity(query):
    """peaceplatform.search.suggestion_for as it was."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    from directory.models import MemberState, Person, Topic
    from reports.models import Report

    candidates = []
    for queryset, field in [
        (Report.objects.published(), "title"),
        (Topic.objects.published(), "name"),
        (Person.objects.published(), "name"),
        (MemberState.objects.all(), "short_name"),
    ]:
        best = (
            queryset.annotate(similarity=TrigramWordSimilarity(query, field))
            .filter(similarity__gte=0.3)
            .order_by("-similarity")
            .values_list(field, "similarity")
            .first()
        )
        if best:
            candidates.append(best)
    if not candidates:
        return None
    text, _ = max(candidates, key=lambda candidate: (round(candidate[1], 2), -len(candidate[0])))
    return text if text.lower() != query.lower() else None


def sliced(queryset, start, end):
    """core.listing.rows_between as the API had it: one query, with OFFSET."""
    return list(queryset[start:end])


def through_reports(self, queryset, name, value):
    """RecommendationFilter.filter_updated_since as it was: the changed updates checked
    for a published report once more, inside the subquery."""
    from django.db.models import Q

    from reports.models import RecommendationUpdate

    if value is None:
        return queryset
    changed = RecommendationUpdate.objects.published().filter(
        Q(updated_at__gte=value) | Q(publish_at__gte=value)
    )
    return queryset.filter(Q(updated_at__gte=value) | Q(pk__in=changed.values("recommendation_id")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed requests per kind")
    args = parser.parse_args()

    configure(None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.paginator import Paginator
    from django.db import connection, transaction
    from django.db.models import Max
    from rest_framework.test import APIClient

    from core.api import pagination as viewsets
    from core.api.listing import encode_cursor
    from core.listing.filters import YearsFilter
    from core.listing.pagination import IdsFirstPaginator
    from peaceplatform import search as site_search
    from reports.api.views import ReportViewSet
    from reports.filters import RecommendationFilter
    from reports.models import Report

    published = Report.objects.published()
    total = published.count()
    if total < SYNC_PAGE * (DEEP_PAGE + 1):
        raise SystemExit("Too few reports: run bench/search.py first, which loads the corpus.")
    settings.API_ANONYMOUS_RATE = 10**9  # the benchmark is one busy client

    # A partner that synced last night: nothing has changed since its last run.
    latest = published.aggregate(latest=Max("updated_at"))["latest"]
    last_run = (latest + datetime.timedelta(seconds=1)).astimezone(datetime.UTC)
    nothing_new = f"updated_since={last_run:%Y-%m-%dT%H%%3A%M%%3A%SZ}"
    by_update = next(o for o in ReportViewSet.orderings if o.name == "updated")
    in_order = published.order_by(*by_update.order_by())
    deep = encode_cursor(by_update, by_update.values_of(in_order[DEEP_PAGE * SYNC_PAGE - 1]))
    sync = (
        "/api/v1/reports/?updated_since=2015-01-01T00%3A00%3A00Z"
        f"&ordering=updated&limit={SYNC_PAGE}"
    )
    kinds = {
        "sync, nothing new": [f"/api/v1/reports/?{nothing_new}", f"/api/v1/events/?{nothing_new}"],
        "recommendations, nothing new": [f"/api/v1/recommendations/?{nothing_new}"],
        "participations, nothing new": [f"/api/v1/participations/?{nothing_new}"],
        "participations, sync page": ["/api/v1/participations/?ordering=updated&cursor=*"],
        "sync, first page": [f"{sync}&cursor=*"],
        f"sync, page {DEEP_PAGE}": [f"{sync}&cursor={deep}"],
        "newest changes first": ["/api/v1/reports/?ordering=-updated"],
        "site list, nothing new": [f"/reports/?{nothing_new}"],
        "sitemap index": ["/sitemap.xml"],
        "site, title A–Z": ["/reports/?sort=title", "/reports/?sort=title&page=50"],
        "reports, ordering=title": [
            "/api/v1/reports/?ordering=title",
            "/api/v1/reports/?ordering=-title&cursor=*",
        ],
        "events, ordering=title": ["/api/v1/events/?ordering=title"],
        "reports, offset=10000": ["/api/v1/reports/?offset=10000"],
        "years in a row, long past": [
            "/reports/?year=2001&year=2002&year=2003",
            "/api/v1/reports/?year=2001&year=2002&year=2003",
        ],
        "years apart, long past": ["/reports/?year=2001&year=2003"],
        "years apart, recent": ["/reports/?year=2015&year=2025"],
        "search, nothing found": ["/search/?q=peaec", "/search/?q=zzzzqqq", "/search/?q=finlnd"],
        "site, search by date, deep": [
            "/reports/?q=peace&sort=oldest&page=50",
            "/reports/?q=Gao&sort=newest&page=10",
        ],
    }

    client = APIClient(HTTP_HOST="testserver")

    def timed(urls):
        for url in urls:  # warm caches and plans
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        times = []
        for run in range(args.runs):
            url = urls[run % len(urls)]
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        return times

    measured = {}
    try:
        with transaction.atomic():
            for kind, urls in kinds.items():
                measured[kind] = [timed(urls)]
            with connection.cursor() as cursor:
                for name in INDEXES:
                    cursor.execute(f"DROP INDEX {name}")
            current = (
                RecommendationFilter.filter_updated_since,
                viewsets.rows_between,
                YearsFilter.filter,
                site_search.suggestion_for,
                IdsFirstPaginator.page,
            )
            RecommendationFilter.filter_updated_since = through_reports
            IdsFirstPaginator.page = Paginator.page
            viewsets.rows_between = sliced
            YearsFilter.filter = years_or_ed
            site_search.suggestion_for = suggestion_by_similarity
            try:
                for kind, urls in kinds.items():
                    measured[kind].append(timed(urls))
            finally:
                (
                    RecommendationFilter.filter_updated_since,
                    viewsets.rows_between,
                    YearsFilter.filter,
                    site_search.suggestion_for,
                    IdsFirstPaginator.page,
                ) = current
            raise RolledBack
    except RolledBack:
        pass  # the indexes dropped are back

    print(f"Orders benchmark: {total:,} published reports, {args.runs} requests per kind")
    print(f"{'kind':<30} {'p50':>8} {'p95':>8} {'before p50':>11} {'before p95':>11} {'gain':>7}")
    for kind, (now, before) in measured.items():
        now_p50, before_p50 = statistics.median(now), statistics.median(before)
        print(
            f"{kind:<30} {now_p50:7.1f}ms {percentile(now, 0.95):7.1f}ms "
            f"{before_p50:10.1f}ms {percentile(before, 0.95):10.1f}ms "
            f"{before_p50 / now_p50:6.1f}×"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
