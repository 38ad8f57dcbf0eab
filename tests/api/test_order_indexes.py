"""Lists read in an order other than newest first go through an index made for it:
the reads by last change (a partner's incremental sync, newest changes first, the
sitemap's latest change) through the "changes" index (`<model>_changes` on
`updated_at, id`, core/publishing/status.py), the lists by title through `<model>_by_title`;
not through every published row.

The statements that matter (those that order by the last change or the title, take
the latest change, or keep only what changed after a date nothing changed after) are
planned again over a few thousand rows, with sequential scans priced out: a statement
whose shape the index cannot serve (a filter or an order it does not cover, or no such
index) plans a scan of the whole table, or of another index, and fails. (Over a
handful of rows every plan costs the same, and the planner's pick says nothing.) A
filter that keeps every row ("since 2015") is left to the planner: any way of reading
all the rows is as good."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.models import MemberState
from events.models import Event, Participation
from reports.models import Report
from tests.factories import EventFactory, ReportFactory

STAMP = "2015-01-01T00:00:00Z"


@pytest.fixture
def changed(db):
    """Published reports and events changed at different times."""
    now = timezone.now()
    for n in range(6):
        report, event = ReportFactory(slug=f"report-{n}"), EventFactory(slug=f"event-{n}")
        for row in (report, event):
            type(row).objects.filter(pk=row.pk).update(updated_at=now - datetime.timedelta(days=n))


# More than search.EXACT_LIMIT: the site's lists take their broad path, as at scale.
ROWS = 2500


@pytest.fixture
def many_changed(db):
    """Thousands of published reports and events, changed over weeks."""
    Report.objects.bulk_create(ReportFactory.build_batch(ROWS))
    events = Event.objects.bulk_create(EventFactory.build_batch(ROWS))
    states = list(MemberState.objects.all())
    Participation.objects.bulk_create(
        Participation(event=event, member_state=states[n % len(states)], role="participant")
        for n, event in enumerate(events)
    )
    with connection.cursor() as cursor:
        for table in ("reports_report", "events_event", "events_participation"):
            cursor.execute(
                f"UPDATE {table} SET updated_at = now() - (id % 997) * interval '1 hour'"  # noqa: S608
            )
        # Dated over 25 years.
        cursor.execute(
            "UPDATE reports_report SET published_on = date '2000-01-01' + (id % 9131)::int"
        )
        # The planner's statistics, as autovacuum keeps them.
        cursor.execute("ANALYZE reports_report, events_event, events_participation")


def statements_on(client, url: str, marker: str) -> list[str]:
    """The statements `url` ran that contain `marker` (the planner's row estimates, asked
    for with EXPLAIN, aside)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return [
        query["sql"]
        for query in queries
        if marker in query["sql"] and not query["sql"].startswith("EXPLAIN")
    ]


def plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN {sql}")
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("SET LOCAL enable_seqscan = on")


REPORTS, EVENTS = '"reports_report"."updated_at"', '"events_event"."updated_at"'
PARTICIPATIONS = '"events_participation"."updated_at"'
REPORT_TITLES, EVENT_TITLES = '"reports_report"."title"', '"events_event"."title"'
REPORT_DATES = '"reports_report"."published_on"'


# (url, a marker of the statements to check, the index they must read or what else
# their plan must hold)
READS_IN_ORDER = [
    # The API guide's example: what changed since a date, oldest change first.
    (f"/api/v1/reports/?updated_since={STAMP}&ordering=updated&cursor=*",
     f"ORDER BY {REPORTS} ASC", "report_changes"),
    # "Nothing new since my last run?": the page and its count.
    ("/api/v1/reports/?updated_since=2099-01-01T00:00:00Z", f"{REPORTS} >= '2099",
     "report_changes"),
    ("/api/v1/reports/?ordering=-updated", f"ORDER BY {REPORTS} DESC", "report_changes"),
    (f"/api/v1/events/?updated_since={STAMP}&ordering=updated&cursor=*",
     f"ORDER BY {EVENTS} ASC", "event_changes"),
    ("/api/v1/events/?updated_since=2099-01-01T00:00:00Z", f"{EVENTS} >= '2099",
     "event_changes"),
    ("/api/v1/events/?ordering=-updated&limit=3", f"ORDER BY {EVENTS} DESC", "event_changes"),
    (f"/api/v1/participations/?updated_since={STAMP}&ordering=updated&cursor=*",
     f"ORDER BY {PARTICIPATIONS} ASC", "participation_changes"),
    ("/api/v1/participations/?updated_since=2099-01-01T00:00:00Z", f"{PARTICIPATIONS} >= '2099",
     "participation_changes"),
    # The site's lists take the same filter.
    ("/reports/?updated_since=2099-01-01T00:00:00Z", f"{REPORTS} >= '2099", "report_changes"),
    # The sitemap index dates each section by its latest change.
    ("/sitemap.xml", f"MAX({REPORTS})", "report_changes"),
    ("/sitemap.xml", f"MAX({EVENTS})", "event_changes"),
    # By title: the site's "Title A–Z", the API's ordering and its cursor pages.
    ("/reports/?sort=title", f"ORDER BY {REPORT_TITLES} ASC", "report_by_title"),
    ("/reports/?sort=title&page=3", f"ORDER BY {REPORT_TITLES} ASC", "report_by_title"),
    ("/api/v1/reports/?ordering=title", f"ORDER BY {REPORT_TITLES} ASC", "report_by_title"),
    ("/api/v1/reports/?ordering=-title&cursor=*", f"ORDER BY {REPORT_TITLES} DESC",
     "report_by_title"),
    ("/api/v1/events/?ordering=title", f"ORDER BY {EVENT_TITLES} ASC", "event_by_title"),
    # "Did you mean …" for a search that found nothing: the nearest title.
    ("/search/?q=peaec", f"<<-> {REPORT_TITLES}", "report_title_nearest"),
    # Newest first within years long past: the walk starts at the last day of the
    # latest year (YearsFilter), not at the newest report.
    ("/api/v1/reports/?year=2001&year=2002", f"ORDER BY {REPORT_DATES} DESC",
     "Index Cond: ((published_on >= '2001-01-01'::date) AND (published_on <= '2002-12-31'::date))"),
    ("/api/v1/reports/?year=2001&year=2004", f"ORDER BY {REPORT_DATES} DESC",
     "Index Cond: ((published_on >= '2001-01-01'::date) AND (published_on <= '2004-12-31'::date))"),
]  # fmt: skip


def test_lists_in_order_read_an_index_in_that_order(api, many_changed, no_page_cache):
    """One test over every case: the rows it needs take seconds to make."""
    unserved = []
    for url, marker, index in READS_IN_ORDER:
        statements = statements_on(api, url, marker)
        assert statements, f"{url} ran no statement with {marker}"
        table = marker.split('"')[-4]  # the table the marker ends with
        for sql in statements:
            planned = plan(sql)
            if index not in planned or f"Seq Scan on {table}" in planned:
                unserved.append(f"{url}, without {index}:\n{sql}\n{planned}")
    assert not unserved, "\n\n".join(unserved)


def test_sync_pages_in_order_of_change(api, changed):
    """What the index serves is the right answer: every report, oldest change first,
    across cursor pages."""
    url = f"/api/v1/reports/?updated_since={STAMP}&ordering=updated&limit=4&cursor=*"
    seen = []
    while url:
        body = api.get(url).json()
        seen += [item["slug"] for item in body["results"]]
        url = body["next"]
    assert seen == [f"report-{n}" for n in reversed(range(6))]
