"""Results: a list view asks for a page and reads the total, whichever way the rows
were found (a queryset, or ids ranked already)."""

import pytest
from django.core.exceptions import BadRequest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from core.listing.pagination import PastTheEnd
from core.listing.results import PageReader, Results
from reports.models import Report
from tests.factories import ReportFactory


@pytest.fixture
def reports(db):
    return [ReportFactory(title=f"Report {n:02}") for n in range(25)]


def by_title():
    return Report.objects.order_by("title")


def test_a_queryset_pages_in_its_order_and_counts_once(reports):
    results = Results(by_title(), [])
    page = results.page("2", per_page=10)
    assert [r.title for r in page.object_list] == [f"Report {n:02}" for n in range(10, 20)]
    assert page.paginator.num_pages == 3
    with CaptureQueriesContext(connection) as queries:
        assert results.total == 25
    assert len(queries) == 0, "the paginator's count is the total"


def test_a_short_first_page_needs_no_count(reports):
    results = Results(by_title().filter(title__in=["Report 03", "Report 07"]), [])
    with CaptureQueriesContext(connection) as queries:
        page = results.page("1")
        assert results.total == 2
        assert page.paginator.num_pages == 1
    assert len(queries) == 1, [q["sql"] for q in queries]
    assert [r.title for r in page.object_list] == ["Report 03", "Report 07"]


def test_ranked_ids_page_in_their_own_order(reports):
    ranked = [reports[7].pk, reports[2].pk, reports[19].pk, reports[0].pk]
    results = Results(by_title(), [], ranked_ids=ranked, base=Report.objects.all())
    page = results.page("2", per_page=2)
    assert [r.pk for r in page.object_list] == [reports[19].pk, reports[0].pk]
    assert results.total == 4
    # An ordering asked of ranked results leaves their ranking alone.
    assert results.ordered("-title") is results
    with pytest.raises(ValueError, match="ranked results are narrowed by their FilterSet"):
        results.narrowed(lambda rows: rows.filter(title="Report 01"))


def test_a_reader_adds_what_only_the_page_needs(reports):
    class Marked(PageReader):
        def rows(self, queryset):
            return queryset.extra(select={"mark": "'queryset'"})

        def by_id(self, ids):
            return [f"ranked {pk}" for pk in ids]

    page = Results(by_title(), []).page("1", per_page=3, reader=Marked())
    assert [r.mark for r in page.object_list] == ["queryset"] * 3
    ranked = Results(by_title(), [], ranked_ids=[5, 6], base=Report.objects.all())
    assert ranked.page("1", reader=Marked()).object_list == ["ranked 5", "ranked 6"]


def test_an_estimate_is_shown_but_pages_stop_at_the_candidates(reports):
    results = Results(by_title(), [], total=90_000, approximate=True, page_cap=20)
    page = results.page("2", per_page=10)
    assert page.paginator.num_pages == 2
    assert results.total == 90_000
    with pytest.raises(PastTheEnd) as raised:
        results.page("3", per_page=10)
    assert (raised.value.asked, raised.value.last_page) == ("3", 2)


def test_narrowed_results_count_their_own_rows_unless_told(reports):
    results = Results(by_title(), [])
    assert results.total == 25
    early = results.narrowed(lambda rows: rows.filter(title__lt="Report 05"))
    assert early.total == 5
    told = results.narrowed(lambda rows: rows.filter(title__lt="Report 05"), total=5)
    with CaptureQueriesContext(connection) as queries:
        assert told.total == 5
    assert len(queries) == 0


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("two", "page must be a whole number, not 'two'."),
        ("0", "page must be between 1 and 3; pages start at 1."),
        ("-5", "page must be between 1 and 3; pages start at 1."),
    ],
)
def test_a_bad_page_number_says_which_pages_there_are(reports, number, message):
    with pytest.raises(BadRequest) as raised:
        Results(by_title(), []).page(number, per_page=10)
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize("number", ["4", "99999999999999999999", " 7 "])
def test_a_page_past_the_end_is_not_found_and_names_the_last_page(reports, number):
    with pytest.raises(PastTheEnd) as raised:
        Results(by_title(), []).page(number, per_page=10)
    assert raised.value.last_page == 3
    assert isinstance(raised.value, Http404)
