"""Alerts: the daily digest run for many followers, to a real SMTP server on localhost.

    .venv/bin/python bench/alerts.py                        # 10,000 subscriptions
    .venv/bin/python bench/alerts.py --subscriptions 2000 --searches 100

Target (issue 27): with 10,000 confirmed subscriptions over varied searches and
100,000 reports, the daily run (match, render, hand to SMTP on localhost) finishes in
60 s or less on 2 cores, and the match step costs at most one query per distinct saved
search, not per subscriber. A day of changes is made by touching `--changed` reports
and recording the changes feed as its job does; the run is alerts.digests.send, the
function the daily job calls, with the job's reader of the feed.
"""

import argparse
import itertools
import os
import random
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.common import configure, ensure_corpus  # noqa: E402

TARGET_SECONDS = 60.0
ADDRESSES = "bench-"  # and @example.org: the addresses this run makes


class Sink:
    """An SMTP server that keeps a count of the messages it accepted."""

    def __init__(self):
        self.messages = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages += 1
        return "250 OK"


def searches(count: int) -> list[str]:
    """`count` distinct report searches: topics, topics with a kind, words, words with
    a topic, as people follow them."""
    from directory.models import Topic
    from peaceplatform.management.commands.generate_corpus import RARE_WORDS
    from reports.models import ReportKind

    topics = list(Topic.objects.published().values_list("slug", flat=True))
    words = ["peace", "mandate", "civilians", "police", "mission", *RARE_WORDS[:200:4]]
    candidates = itertools.chain(
        (f"topic={t}" for t in topics),
        (f"kind={k}&topic={t}" for t in topics for k in ReportKind.values),
        (f"q={w}" for w in words),
        (f"q={w}&topic={t}" for w in words for t in topics),
    )
    return list(itertools.islice(candidates, count))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--searches", type=int, default=500, help="distinct saved searches")
    parser.add_argument("--changed", type=int, default=2_000, help="reports changed in the day")
    args = parser.parse_args()

    configure(os.environ.get("BENCH_DATABASE_URL"), 100_000)
    import django

    django.setup()
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from alerts import digests
    from alerts.lists import LISTS, describe, saved_search
    from alerts.models import Rhythm, Subscriber, Subscription
    from peaceplatform.changes import record_changes
    from peaceplatform.models import Change
    from peaceplatform.tasks import changes_for_alerts
    from reports.models import Report
    from tests.faults import free_port

    ensure_corpus(100_000)
    sink = Sink()
    smtp = Controller(sink, hostname="127.0.0.1", port=free_port())
    smtp.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", smtp.port, False
    settings.PUBLIC_URL = "https://peace.example"
    try:
        Subscriber.objects.filter(email__startswith=ADDRESSES).delete()  # an earlier run's
        record_changes(force=True)
        before = Change.objects.order_by("-id").values_list("id", flat=True).first() or 0
        reports = LISTS["reports"]
        followed = []
        for query in searches(args.searches):
            canonical, filterset = saved_search(reports, QueryDict(query))
            followed.append((canonical, describe(reports, filterset)))
        per_search = max(1, args.subscriptions // len(followed))
        confirmed = timezone.now() - timedelta(days=2)
        subscribers = Subscriber.objects.bulk_create(
            Subscriber(email=f"bench-{n}@example.org") for n in range(args.subscriptions)
        )
        Subscription.objects.bulk_create(
            (
                Subscription(
                    subscriber=subscriber,
                    list_name="reports",
                    query=followed[n // per_search % len(followed)][0],
                    label=followed[n // per_search % len(followed)][1],
                    rhythm=Rhythm.DAILY,
                    confirmed_at=confirmed,
                    checked_through=before,
                )
                for n, subscriber in enumerate(subscribers)
            ),
            batch_size=2000,
        )
        # A day of changes: reports edited (the feed records them as updated).
        ids = list(Report.objects.published().values_list("pk", flat=True))
        touched = random.Random(27).sample(ids, args.changed)
        Report.objects.filter(pk__in=touched).update(updated_at=timezone.now())
        recorded = record_changes(force=True)

        due = list(digests.due(Rhythm.DAILY).filter(subscriber__email__startswith=ADDRESSES))
        changes = changes_for_alerts(before, confirmed)
        with CaptureQueriesContext(connection) as matching:
            started = time.perf_counter()
            found = digests.matches(due, changes)
            match_seconds = time.perf_counter() - started
        started = time.perf_counter()
        sent = digests.send(Rhythm.DAILY, changes_for_alerts)
        total_seconds = time.perf_counter() - started
        deadline = time.time() + 10
        while sink.messages < sent and time.time() < deadline:
            time.sleep(0.05)
    finally:
        smtp.stop()
        Subscriber.objects.filter(email__startswith=ADDRESSES).delete()

    distinct = len({(s.list_name, s.query) for s in due})
    print(
        f"Alerts, daily run: {len(due):,} subscriptions over {distinct} distinct searches, "
        f"{Report.objects.count():,} reports, {recorded:,} changes in the day "
        f"({args.changed:,} reports edited)"
    )
    print(f"{'step':<34} {'seconds':>8} {'queries':>8}")
    print(f"{'match (all searches)':<34} {match_seconds:8.2f} {len(matching):>8}")
    print(f"{'whole run (match, render, SMTP)':<34} {total_seconds:8.2f}")
    print(
        f"subscriptions with news: {len(found):,}; mails handed over: {sent:,}; "
        f"received by the SMTP server: {sink.messages:,}"
    )
    per = len(matching) / distinct if distinct else 0
    print(f"queries per distinct search in the match step: {per:.2f} (target ≤ 1 plus validation)")
    ok = total_seconds <= TARGET_SECONDS and sink.messages == sent
    print(f"target: whole run ≤ {TARGET_SECONDS:.0f} s — {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
