"""The reference the facet keys are checked against (tests/reports/test_facet_keys.py,
tests/events/test_event_facet_keys.py)."""

import datetime
import io

from django.core.management import call_command
from django.db import connection

from core import search


def counted_with_queries(filterset_class):
    """The same filters, counting each facet with its own query over the link tables
    and ranking in SQL: the path the keys replace, kept as the reference."""
    return type(
        f"{filterset_class.__name__}CountedWithQueries",
        (filterset_class,),
        {"ranks_candidates": False, "row_fields": lambda self, names=None: None},
    )


def load_sample_corpus(reports: int):
    """The sample corpus (a tenth as many events as reports), with statistics."""
    call_command("generate_corpus", reports=reports, stderr=io.StringIO(), stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def keys(row) -> list[str]:
    """The facet keys the database holds for a report or an event, read afresh."""
    row.refresh_from_db(fields=["facet_keys"])
    return row.facet_keys


def peace_reports_in_finland():
    """As many reports on peace as sample buckets, a day apart, every other one on
    Finland, on three topics in turn (mandates, elections, protection), with
    statistics. Whatever ids the sequence hands out (the suite has made others
    before), each bucket holds one of them, and the first few buckets a sample."""
    from tests.factories import ReportFactory, TopicFactory, member_state

    finland = member_state("FIN")
    topics = [TopicFactory(slug=slug) for slug in ("mandates", "elections", "protection")]
    for n in range(search.SAMPLE_BUCKETS):
        report = ReportFactory(
            title=f"Peace report {n}",
            published_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
        )
        report.topics.add(topics[n % 3])
        if n % 2 == 0:
            report.member_states.add(finland)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")
