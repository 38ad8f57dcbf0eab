"""core/search.py: snippets, ranks and the statistics broad searches estimate from."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import search
from reports.models import Report
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def compiled(queryset):
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    return sql, list(params)


def test_a_headline_marks_the_matches_with_the_sentinels():
    ReportFactory(summary="Keeping the peace in Gao and Kidal.")
    snippet = (
        Report.objects.annotate(s=search.headline("summary", search.websearch("peace")))
        .values_list("s", flat=True)
        .get()
    )
    assert f"{search.HIGHLIGHT_START}peace{search.HIGHLIGHT_STOP}" in snippet


def test_a_constant_rank_arrives_as_a_float():
    # Bound on the client, 1.0 would be a numeric literal, read back as a Decimal, and
    # a symbol match's rank could not be compared with the words' ranks.
    ReportFactory(title="Peace and security", summary="Peace operations.")
    ranked = Report.objects.filter(search.matching("peace", Report)).annotate(
        rank=search.rank("peace", Report), constant=search.FloatValue(1.0)
    )
    ((rank, constant),) = ranked.values_list("rank", "constant")
    assert type(rank) is float
    assert 0 < rank < 1
    assert type(constant) is float
    assert constant == 1.0


def test_year_shares_read_the_common_dates_and_the_histogram_of_the_column():
    import datetime

    common = datetime.date(2001, 6, 1)
    for _ in range(20):  # one date many rows share: a "most common value" to PostgreSQL
        ReportFactory(published_on=common)
    for year in (2002, 2003):
        for n in range(10):
            ReportFactory(published_on=datetime.date(year, 1, 1) + datetime.timedelta(weeks=n))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")

    statistics = search.date_statistics(Report, "published_on")
    assert common in statistics.common  # the case the histogram alone would miss
    shares = search.year_shares(Report, "published_on", datetime.date(2004, 1, 1))
    assert shares.keys() == {2001, 2002, 2003}
    assert sum(shares.values()) == pytest.approx(1.0)
    assert shares[2001] == pytest.approx(0.5, abs=0.05)
    assert shares[2002] == pytest.approx(0.25, abs=0.05)
    # Only the rows before the date given.
    earlier = search.year_shares(Report, "published_on", datetime.date(2003, 1, 1))
    assert earlier.keys() == {2001, 2002}
    assert earlier[2001] == pytest.approx(2 / 3, abs=0.05)
    assert search.year_shares(Report, "published_on", datetime.date(2001, 1, 1)) == {}


def test_share_after_a_day_reads_the_same_statistics():
    import datetime

    for _ in range(20):  # a most common date
        ReportFactory(published_on=datetime.date(2001, 6, 1))
    for year in (2002, 2003):
        for n in range(10):
            ReportFactory(published_on=datetime.date(year, 1, 1) + datetime.timedelta(weeks=n))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")

    def after(*day):
        return search.share_after(Report, "published_on", datetime.date(*day))

    assert after(2000, 12, 31) == pytest.approx(1.0, abs=0.05)
    assert after(2001, 12, 31) == pytest.approx(0.5, abs=0.05)
    assert after(2002, 12, 31) == pytest.approx(0.25, abs=0.05)
    assert after(2003, 12, 31) == 0


def test_years_apart_are_bounded_by_their_span_only_when_many_rows_are_newer():
    """YearsFilter: the span bounds years apart when walking down to them from the
    newest row would pass over a tenth of the table; otherwise it would only make
    PostgreSQL count the matches lower than they are."""
    import datetime

    from reports.filters import ReportFilter

    for year in range(2000, 2026):
        for n in range(8):
            ReportFactory(published_on=datetime.date(year, 1, 1) + datetime.timedelta(weeks=n))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")

    def sql(*years):
        filterset = ReportFilter({"year": [str(y) for y in years]}, queryset=Report.objects.all())
        return str(filterset.qs.query)

    long_past = sql(2001, 2004)
    assert long_past.count("2001-01-01") == 2  # its own range, and the span's start
    assert long_past.count("2004-12-31") == 2
    recent = sql(2023, 2025)
    assert recent.count("2023-01-01") == recent.count("2025-12-31") == 1
    in_a_row = sql(2001, 2002, 2003)  # one range, no span needed
    assert in_a_row.count("2001-01-01") == in_a_row.count("2003-12-31") == 1
    assert "2002-01-01" not in in_a_row
    # The rows are the same either way.
    for years in [(2001, 2004), (2023, 2025), (2001, 2002, 2003)]:
        found = ReportFilter({"year": [str(y) for y in years]}, queryset=Report.objects.all()).qs
        assert {r.published_on.year for r in found} == set(years)
        assert found.count() == 8 * len(years)


def test_a_guessed_estimate_is_checked_by_a_capped_count(monkeypatch):
    """PostgreSQL estimates a word its statistics do not hold at 0.5 % of the table:
    5,000 of a million reports for a word in 300. An estimate between EXACT_LIMIT and
    PROBE_LIMIT is checked by counting, at most EXACT_LIMIT + 1 rows."""
    monkeypatch.setattr(search, "EXACT_LIMIT", 4)
    for n in range(3):
        ReportFactory(title=f"Kazelo note {n}")
    ReportFactory(title="Other")
    kazelo = Report.objects.search("kazelo")
    assert search.checked_estimate(kazelo, 5_000) == 3
    assert search.checked_estimate(kazelo, 4) == 4  # within EXACT_LIMIT: not asked
    assert search.checked_estimate(kazelo, search.PROBE_LIMIT + 1) == search.PROBE_LIMIT + 1
    for n in range(3):
        ReportFactory(title=f"Kazelo annex {n}")
    # Six matches: more than EXACT_LIMIT, so the estimate stands.
    assert search.checked_estimate(Report.objects.search("kazelo"), 5_000) == 5_000


def test_an_estimate_the_statistics_counted_is_not_checked(monkeypatch):
    """The count is for guesses: when every word searched is a lexeme the column's
    statistics hold, the planner counted it, and the estimate stands uncounted."""
    monkeypatch.setattr(search, "EXACT_LIMIT", 4)
    for n in range(6):
        ReportFactory(title=f"Kazelo note {n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")
    assert "kazelo" in search.lexemes_counted(Report)
    assert search.counted_by_statistics(Report, "Kazelo notes")  # stemmed as searched
    kazelo = Report.objects.search("kazelo")
    with CaptureQueriesContext(connection) as captured:
        assert search.checked_estimate(kazelo, 5_000, "kazelo") == 5_000
    assert not [q for q in captured.captured_queries if "COUNT(" in q["sql"]]
    # Without the words, or with one the statistics do not hold, it is counted: in a
    # table of a million, the planner's guess for that word is 5,000, all of the
    # estimate (search.guessed_rows).
    assert search.checked_estimate(kazelo, 5_000) == 5_000  # six: more than the limit
    monkeypatch.setattr(search, "table_rows", lambda model: 1_000_000)
    unknown = Report.objects.search("kazelo qwertzuiop")
    assert not search.counted_by_statistics(Report, "kazelo qwertzuiop")
    assert search.guessed_rows(Report, "kazelo qwertzuiop") == 5_000
    assert search.checked_estimate(unknown, 5_000, "kazelo qwertzuiop") == 0


def test_a_rare_word_the_planner_overestimates_takes_the_exact_path(monkeypatch, api):
    """The planner's own guess, on a table it has statistics for: a word they do not
    hold (written after ANALYZE) is estimated at 0.5 % of 2,000 reports, 10, where 3
    match."""
    monkeypatch.setattr(search, "EXACT_LIMIT", 4)
    published = ReportFactory.build(title="x").publish_at
    Report.objects.bulk_create(
        Report(
            title="Peace study", slug=f"peace-study-{n}", kind="policy_paper",
            status="published", publish_at=published,
        )
        for n in range(2_000)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")
    for n in range(3):
        ReportFactory(title=f"Kazelo note {n}")
    assert search.estimated_count(Report.objects.published().search("kazelo")) > 4
    answer = api.get("/api/v1/reports/?q=kazelo").json()
    assert answer["count"] == 3
    assert answer["count_exact"] is True
