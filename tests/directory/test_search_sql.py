"""directory/search.py's own expressions write the SQL Django's would."""

import pytest
from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db import connection
from django.db.models import F

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


def converters_of(queryset):
    compiler = queryset.query.get_compiler(connection=connection)
    compiler.setup_query()
    return compiler.get_converters([expression for expression, _, _ in compiler.select])


def test_ranks_arrive_as_floats_without_a_converter_per_row():
    # A broad search reads 1,000 ranks; Django's FloatField converter would call
    # float() on each one, which psycopg has already made a float.
    ReportFactory(title="Peace and security", summary="Peace operations.")
    query = search.websearch("peace")
    ranked = Report.objects.filter(search_vector=query).annotate(
        rank=search.rank(query), constant=search.FloatValue(1.0)
    )
    assert converters_of(ranked.values_list("rank", "constant")) == {}
    ((rank, constant),) = ranked.values_list("rank", "constant")
    assert type(rank) is float
    assert 0 < rank < 1
    assert type(constant) is float
    assert constant == 1.0
    # The same rank as Django's own SearchRank gives.
    djangos = Report.objects.annotate(rank=SearchRank(F("search_vector"), query, normalization=32))
    assert djangos.get().rank == rank
