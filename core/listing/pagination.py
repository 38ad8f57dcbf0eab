"""Pages of a list: a paginator that reads deep pages by id, the 400 a bad `page`
gets, and the 404 of a page past the end."""

from collections.abc import Callable
from functools import cached_property

from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import Http404

PER_PAGE = 20


def rows_between(queryset, start: int, end: int) -> list:
    """Rows `start` to `end` of `queryset`; past the first, their ids first, then those
    rows. PostgreSQL works out every column of the rows an OFFSET skips (a page's
    snippets, the API's relations); the ids come in the same order, through the same
    indexes, without those columns."""
    if start == 0:
        return list(queryset[:end])
    ids = list(queryset.values_list("pk", flat=True)[start:end])
    return page_rows(queryset.order_by(), ids)


class IdsFirstPaginator(Paginator):
    """Pages past the first of a queryset read with `rows_between`: the site's lists,
    and the trackers, whose rows carry each recommendation's current status."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom == 0 or not isinstance(self.object_list, QuerySet):
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(rows_between(self.object_list, bottom, top), number, self)


class CountingPaginator(IdsFirstPaginator):
    """A paginator that asks `count` for the number of rows when first needed, and not
    at all for a first page shorter than a page: its rows are all there are."""

    def __init__(self, object_list, per_page, *, count: Callable[[], int] | None = None):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return super().count if self._count is None else self._count()

    def page(self, number):
        if str(number).strip() != "1" or "count" in self.__dict__:
            return super().page(number)
        rows = list(self.object_list[: self.per_page])
        if len(rows) < self.per_page:
            self.count = len(rows)
        return self._get_page(rows, 1, self)


class PastTheEnd(Http404):
    """A page number after the last page: 404, since no such page exists (a link to
    an old page 9 of a list that has shrunk), with the last page to go to instead.
    The API answers an `offset` past the end the same way (core/api/pagination.py)."""

    def __init__(self, asked: str, last_page: int):
        self.asked, self.last_page = asked, last_page
        super().__init__(f"page {asked} is past the end; the last page is {last_page}.")


def checked_page(paginator, number):
    """Page `number` (as the request gave it). Not a whole number, or below 1: a
    BadRequest that says which pages there are; past the last page: PastTheEnd."""
    number = "1" if number is None else str(number)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        raise BadRequest(f"page must be a whole number, not {number[:20]!r}.") from None
    except EmptyPage:
        if number.strip().startswith(("0", "-")):
            raise BadRequest(
                f"page must be between 1 and {paginator.num_pages}; pages start at 1."
            ) from None
        raise PastTheEnd(number.strip()[:20], paginator.num_pages) from None


def paginate(request, queryset, per_page: int = PER_PAGE):
    """The page of a plain list (no FilterSet) that the request asks for."""
    return checked_page(CountingPaginator(queryset, per_page), request.GET.get("page"))


def page_rows(queryset, ids) -> list:
    """The rows of `queryset` with these ids, in the order of `ids`: a page of ranked
    candidates, looked up by primary key."""
    return in_order_of(ids, queryset.filter(pk__in=list(ids)))


def in_order_of(ids, rows) -> list:
    """Those of `rows` whose pk is in `ids`, in the order of `ids`."""
    found = {row.pk: row for row in rows}
    return [found[pk] for pk in ids if pk in found]
