"""Results: what a FilterSet hands a list view. The view asks for a page and reads the
total; how the rows were found (a queryset, or ids ranked already) stays in here."""

from collections.abc import Callable
from functools import cached_property

from django.core.paginator import Paginator

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
    ):
        self.queryset = queryset
        self.facets = facets
        self.approximate = approximate
        self.page_cap = page_cap  # broad queries page through their candidates only
        self.ranked_ids = ranked_ids
        self.base = base  # where ranked ids are looked up: the FilterSet's own queryset
        self.counted_by = counted_by  # how the total is counted, if not queryset.count()
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
        paginator = CountingPaginator(
            reader.rows(self.queryset), per_page, count=lambda: self.paged_rows
        )
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
