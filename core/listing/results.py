"""Results: what a FilterSet hands a list view. The view asks for a page and reads the
total; how the rows were found (a queryset, or ids ranked already) stays in here."""

from collections.abc import Callable
from functools import cached_property
from operator import itemgetter

from django.core.paginator import Paginator

from core import search
from core.listing.pagination import PER_PAGE, CountingPaginator, checked_page, page_rows


class PageReader:
    """How a page's rows are read. `rows` adds to the queryset what only the shown rows
    need (a search snippet); `by_id` reads the rows of ranked ids in that order."""

    def __init__(self, base=None):
        self.base = base

    def rows(self, queryset):
        return queryset

    def by_id(self, ids) -> list:
        return page_rows(self.base, ids)


class DatedRows:
    """A list found by the ids of its matches (every match fetched already) and ordered
    by a date first (newest or oldest first, undated rows last), with each match's
    date. A page is among the matches dated up to the date of its own last row, so its
    query looks those up only: 1,108 matches (a topic, a year and a kind among a million
    reports) were otherwise all looked up and sorted for each page of twenty."""

    def __init__(self, queryset, field: str, dated_ids, *, descending: bool):
        """`queryset`: the list's rows in its order, not yet narrowed to the ids;
        `dated_ids`: (date, id) of every match."""
        self.queryset, self.descending = queryset, descending
        self.dated_ids = [(day, pk) for day, pk in dated_ids if day is not None]
        self.dated_ids.sort(key=itemgetter(0), reverse=descending)

    def narrowed(self, number, per_page: int):
        """The rows up to page `number`'s last date, or None when `number` is not a
        page (the paginator says so) or the page reaches past the dated matches (to
        undated ones, or it is the last page): it needs every match then."""
        try:
            # As the paginator reads it (checked_page): no page asked for is the first.
            reach = int("1" if number is None else str(number)) * per_page
        except ValueError:
            return None
        if reach <= 0 or reach > len(self.dated_ids):
            return None
        last = self.dated_ids[reach - 1][0]
        if self.descending:
            kept = (pk for day, pk in self.dated_ids if day >= last)
        else:
            kept = (pk for day, pk in self.dated_ids if day <= last)
        return self.queryset.filter(pk__in=search.id_array(kept))


class Results:
    """The rows of a list, its total and its facets.

    A query the planner expects to match more than search.EXACT_LIMIT rows is
    `approximate`: its total is an estimate, its rows the newest search.CANDIDATES
    matches (see core/search.py). A relevance search whose facets counted fetched rows
    carries their ids ranked already (`ranked_ids`); its pages read their own rows by
    id rather than rank every match again in SQL."""

    def __init__(
        self,
        queryset,
        facets: list,
        *,
        total: int | None = None,
        approximate: bool = False,
        page_cap: int | None = None,
        ranked_ids: list | None = None,
        base=None,
        counted_by: Callable | None = None,
        dated: DatedRows | None = None,
    ):
        self.queryset = queryset
        self.facets = facets
        self.approximate = approximate
        self.page_cap = page_cap  # broad queries page through their candidates only
        self.ranked_ids = ranked_ids
        self.base = base  # where ranked ids are looked up: the FilterSet's own queryset
        self.counted_by = counted_by  # how the total is counted, if not queryset.count()
        self.dated = dated  # the matches' dates, for a page to look up its own only
        if total is not None:
            self.total = total

    @cached_property
    def total(self) -> int:
        """How many rows match: exact, or an estimate when `approximate`."""
        if self.ranked_ids is not None:
            return len(self.ranked_ids)
        if self.counted_by is not None:
            return self.counted_by(self.queryset)
        return self.queryset.count()

    def page(self, number, per_page: int = PER_PAGE, reader: PageReader | None = None):
        """Page `number` (as the request gave it) of the rows; a number that is not a
        page is a BadRequest that says which pages there are."""
        reader = reader or PageReader(self.base)
        if self.ranked_ids is not None:
            page = checked_page(Paginator(self.ranked_ids, per_page), number)
            page.object_list = reader.by_id(page.object_list)
            return page
        queryset = self.dated.narrowed(number, per_page) if self.dated is not None else None
        rows = reader.rows(self.queryset if queryset is None else queryset)
        paginator = CountingPaginator(rows, per_page, count=lambda: self.paged_rows)
        page = checked_page(paginator, number)
        if "count" in paginator.__dict__ and not self.approximate:
            self.total = paginator.count  # a short first page counted its rows
        return page

    @property
    def paged_rows(self) -> int:
        """How many rows the pages go through: a broad query's candidates only."""
        return self.page_cap if self.approximate else self.total

    def ordered(self, *ordering) -> "Results":
        """These results in another order; ids ranked already keep theirs."""
        if self.ranked_ids is not None:
            return self
        return self._with(self.queryset.order_by(*ordering), keeps_total=True)

    def narrowed(self, narrow: Callable, *, total: int | None = None) -> "Results":
        """The rows that `narrow` keeps of these results' queryset, under the same facets
        (an event list's past events, whose facets count upcoming ones too). Their
        `total`, when the caller knows it; else counted again, unless an estimate."""
        if self.ranked_ids is not None:
            raise ValueError("ranked results are narrowed by their FilterSet, not after")
        narrowed = self._with(narrow(self.queryset), keeps_total=self.approximate)
        if total is not None and not self.approximate:
            narrowed.total = total
        return narrowed

    def _with(self, queryset, *, keeps_total: bool) -> "Results":
        results = Results(
            queryset,
            self.facets,
            approximate=self.approximate,
            page_cap=self.page_cap,
            base=self.base,
            counted_by=self.counted_by,
        )
        if keeps_total and "total" in self.__dict__:
            results.total = self.total
        return results
