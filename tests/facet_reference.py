"""The reference the facet keys are checked against (tests/reports/test_facet_keys.py,
tests/events/test_event_facet_keys.py)."""

import io

from django.core.management import call_command
from django.db import connection


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
