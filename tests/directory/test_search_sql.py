"""directory/search.py's own expressions write the SQL Django's would."""

import pytest
from django.contrib.postgres.search import SearchHeadline
from django.db import connection

from directory import search
from reports.models import Report
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def compiled(queryset):
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    return sql, list(params)


@pytest.mark.parametrize("query", ["peace", '"protection of civilians" -Juba', "côte d'ivoire"])
def test_a_headline_compiles_as_djangos_with_the_same_options(query):
    ours = search.headline("summary", search.websearch(query))
    djangos = SearchHeadline(
        "summary",
        search.websearch(query),
        config=search.CONFIG,
        start_sel=search.HIGHLIGHT_START,
        stop_sel=search.HIGHLIGHT_STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    for _ in range(2):  # the second time from the composed options kept
        assert compiled(Report.objects.annotate(s=ours)) == compiled(
            Report.objects.annotate(s=djangos)
        )


def test_a_headline_marks_the_matches_with_the_sentinels():
    ReportFactory(summary="Keeping the peace in Gao and Kidal.")
    snippet = (
        Report.objects.annotate(s=search.headline("summary", search.websearch("peace")))
        .values_list("s", flat=True)
        .get()
    )
    assert f"{search.HIGHLIGHT_START}peace{search.HIGHLIGHT_STOP}" in snippet
