"""The API's two ways through a list: `limit`/`offset` pages (OffsetPagination) and
keyset pages that go any depth (KeysetPagination, `cursor=*` then `next`). Both read
the parameters the view validated (view.params) and the Results its filter backend
left (view.results), and answer the same body: count, count_exact, next, previous,
results."""

from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.api import listing
from core.listing.pagination import page_rows, rows_between


class OffsetPastTheEnd(NotFound):
    """404 for an offset after the last item, with the address of the last page."""

    def __init__(self, offset: int, total: int, last: str):
        self.last = last
        super().__init__(
            f"offset {offset} is past the end: {total} item{'s' if total != 1 else ''} match."
            " The last page is at `last`."
        )


class CataloguePagination(BasePagination):
    def paginate_queryset(self, queryset, request, view=None):
        self.request, self.params, self.results = request, view.params, view.results
        self.rows = self.page(queryset)
        return self.rows

    def page(self, queryset) -> list:
        raise NotImplementedError

    def links(self) -> tuple[str | None, str | None]:
        raise NotImplementedError

    def get_paginated_response(self, data):
        count = self.results.total  # after the rows, as partners see them
        self.count = count
        following, previous = self.links()
        return Response(
            {
                "count": count,
                "count_exact": not self.results.approximate,
                "next": following,
                "previous": previous,
                "results": data,
            }
        )

    def get_schema_operation_parameters(self, view):
        return []  # limit, offset and cursor are described with the other list parameters

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "count_exact", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "description": "Items matching, in all pages."},
                "count_exact": {
                    "type": "boolean",
                    "description": "False when count is an estimate (a very broad search).",
                },
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "Always null with cursor paging, which goes forward.",
                },
                "results": schema,
                "facets": {
                    "type": "object",
                    "description": "With facets=…: counts per value of each facet asked for.",
                    "additionalProperties": {
                        "type": "object",
                        "properties": {
                            "label": {"type": "string"},
                            "approximate": {"type": "boolean"},
                            "total": {
                                "type": "integer",
                                "description": "How many values the facet has; facet_limit "
                                "lists the first of them.",
                            },
                            "values": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "value": {"type": "string"},
                                        "label": {"type": "string"},
                                        "count": {"type": "integer"},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        }


class OffsetPagination(CataloguePagination):
    """`limit` items from `offset` (capped at listing.MAX_OFFSET). A page past the
    first reads its ids first (rows_between); ranked candidates read their own rows."""

    def page(self, queryset):
        start, end = self.params.offset, self.params.offset + self.params.limit
        if not self.params.limit:
            return []
        if self.results.ranked_ids is not None:
            rows = page_rows(self.results.base, self.results.ranked_ids[start:end])
        else:
            rows = rows_between(queryset, start, end)
        if start and not rows:
            raise self.past_the_end()
        return rows

    def past_the_end(self) -> OffsetPastTheEnd:
        """The 404 of an offset past the last item, as the site answers a page past
        the end of a list (core/listing/pagination.PastTheEnd): with the last page."""
        total, limit = self.results.total, self.params.limit
        last = (total - 1) // limit * limit if total else 0
        url = self.request.build_absolute_uri()
        link = (
            replace_query_param(url, "offset", last) if last else remove_query_param(url, "offset")
        )
        return OffsetPastTheEnd(self.params.offset, total, link)

    def links(self):
        url = self.request.build_absolute_uri()
        offset, limit = self.params.offset, self.params.limit
        end = offset + limit
        following = (
            replace_query_param(url, "offset", end)
            if limit and end < self.count and end <= listing.MAX_OFFSET
            else None
        )
        if offset == 0:
            return following, None
        previous = max(offset - limit, 0)
        if previous == 0:
            return following, remove_query_param(url, "offset")
        return following, replace_query_param(url, "offset", previous)


class KeysetPagination(CataloguePagination):
    """Pages after the sort key a signed cursor carries (core/api/listing.py)."""

    def page(self, queryset):
        params = self.params
        after = (
            None
            if params.cursor == listing.CURSOR_START
            else listing.decode_cursor(params.cursor, params.ordering, queryset.model)
        )
        rows = listing.keyset_page(queryset, params.ordering, after, params.limit + 1)
        self.more = len(rows) > params.limit
        return rows[: params.limit]

    def links(self):
        if not (self.more and self.rows):
            return None, None
        last = self.params.ordering.values_of(self.rows[-1])
        cursor = listing.encode_cursor(self.params.ordering, last)
        return replace_query_param(self.request.build_absolute_uri(), "cursor", cursor), None
