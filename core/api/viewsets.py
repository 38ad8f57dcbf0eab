"""CatalogueViewSet: list and detail for one kind of published item, with the query
language of core/api/listing.py, ETags, CSV export and rate-limit headers."""

import csv
import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core import caching, search
from core.api import listing
from core.api.errors import ParameterError
from core.api.listing import ListParams
from core.api.schema import CataloguePagination
from core.listing.pagination import page_rows, rows_between
from core.spreadsheets import neutralise_formula

CSV_CHUNK = 500


class CatalogueViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    filterset_class = None
    # Read by drf-spectacular to document the FilterSet; list() filters by itself.
    filter_backends = [DjangoFilterBackend]
    pagination_class = CataloguePagination
    orderings: tuple[listing.Ordering, ...] = ()
    default_ordering = ""
    # The order of `ordering=relevance` (the default when searching with q).
    relevance: tuple = ("-rank", "-pk")

    answer_key = None

    def initial(self, request, *args, **kwargs):
        """After the key and the quota (every request is counted): an answer kept in the
        cache under the current content version replaces the handler. CSV streams and
        is never kept."""
        super().initial(request, *args, **kwargs)
        if settings.PAGE_CACHE_SECONDS and request.method == "GET" and "format" not in request.GET:
            self.answer_key = caching.answer_key(request)
            answer = caching.cached_answer(self.answer_key)
            if answer is not None:
                self.answer_key = None
                self.get = lambda *args, **kwargs: answer

    def get_queryset(self):
        return self.list_queryset() if self.action == "list" else self.detail_queryset()

    def list_queryset(self):
        raise NotImplementedError

    def detail_queryset(self):
        return self.list_queryset()

    def get_object(self):
        value = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        if "\x00" in value or len(value) > 200:
            raise NotFound("Nothing published is found at this address.")
        return super().get_object()

    def filter_queryset(self, queryset):
        return queryset  # list() applies the FilterSet itself, strictly

    # Parameters -------------------------------------------------------------------

    @property
    def ordering_names(self):
        return {ordering.name: ordering for ordering in self.orderings}

    def filter_names(self) -> set[str]:
        if self.filterset_class is None:
            return set()
        return set(self.filterset_class.base_filters)

    def facet_names(self) -> set[str]:
        return {facet.name for facet in getattr(self.filterset_class, "facets", [])}

    def field_names(self) -> set[str]:
        serializer_class = self.get_serializer_class()
        # Instantiating a serializer deep-copies its fields: do it once per class.
        if "_field_names" not in serializer_class.__dict__:
            serializer_class._field_names = frozenset(serializer_class().fields)
        return serializer_class._field_names

    def check_unknown(self, request, allowed: set[str], problems: dict):
        for name in request.GET:
            if name not in allowed:
                problems[name] = (
                    f"{name[:40]} is not a parameter of this endpoint; "
                    f"the parameters are: {', '.join(sorted(allowed))}."
                )

    def shaping(self, request, params: ListParams, problems: dict):
        fields = listing.single(request, "fields", problems)
        exclude = listing.single(request, "exclude", problems)
        known = self.field_names()
        if fields is not None and exclude is not None:
            problems["exclude"] = "use fields or exclude, not both."
        elif fields is not None:
            params.fields = listing.name_list(fields, "fields", known, problems, "field")
        elif exclude is not None:
            params.exclude = listing.name_list(exclude, "exclude", known, problems, "field") or []

    def list_params(self, request) -> ListParams:
        params, problems = ListParams(), {}
        filters = self.filter_names()
        self.check_unknown(
            request,
            filters | set(listing.PAGING_PARAMETERS) | set(listing.SHAPING_PARAMETERS),
            problems,
        )
        for name in filters & set(request.GET):
            if name != "q" and not any(value.strip() for value in request.GET.getlist(name)):
                problems[name] = f"{name} is empty: give it a value, or leave it out."
        raw_format = listing.single(request, "format", problems)
        if raw_format is not None:
            if raw_format not in {"json", "csv"}:
                problems["format"] = f"format must be json or csv, not {raw_format[:20]!r}."
            else:
                params.format = raw_format
        limit = listing.single(request, "limit", problems)
        if limit is not None:
            params.limit = listing.whole_number(limit, "limit", 0, listing.MAX_LIMIT, problems)
        elif params.format == "csv":
            params.limit = None  # a CSV export holds every match unless asked otherwise
        offset = listing.single(request, "offset", problems)
        cursor = listing.single(request, "cursor", problems)
        if offset is not None:
            params.offset = listing.whole_number(
                offset,
                "offset",
                0,
                listing.MAX_OFFSET,
                problems,
                hint=" To go deeper, page with cursor=* and follow `next`.",
            )
        if cursor is not None:
            if offset is not None:
                problems["cursor"] = "use offset or cursor, not both."
            elif params.format == "csv":
                problems["cursor"] = "format=csv streams every match at once; leave out cursor."
            else:
                params.cursor = cursor
        self.choose_ordering(request, params, problems, searching="q" in filters)
        raw_facets = listing.single(request, "facets", problems)
        if raw_facets is not None:
            available = self.facet_names()
            if not available:
                problems["facets"] = "this endpoint has no facets."
            else:
                params.facets = (
                    listing.name_list(raw_facets, "facets", available, problems, "facet") or []
                )
        self.shaping(request, params, problems)
        if problems:
            raise ParameterError(problems)
        data = request.GET.copy()
        for name in (*listing.PAGING_PARAMETERS, *listing.SHAPING_PARAMETERS):
            data.pop(name, None)
        params.filters = data
        return params

    def choose_ordering(self, request, params: ListParams, problems: dict, *, searching: bool):
        """`params.ordering`: a named Ordering, or None for relevance (only with q)."""
        searching = searching and bool(request.GET.get("q", "").strip())
        names = self.ordering_names
        raw = listing.single(request, "ordering", problems)
        if raw is None:
            # Relevance by default when searching, unless paging by cursor (it needs a
            # stable order).
            relevance = searching and params.cursor is None
            params.ordering = None if relevance else names.get(self.default_ordering)
        elif raw in names:
            params.ordering = names[raw]
        elif raw == listing.RELEVANCE and searching:
            params.ordering = None
            if params.cursor is not None:
                problems["ordering"] = (
                    "cursor paging needs a stable ordering, and relevance is not one; "
                    f"use one of {', '.join(sorted(names))}, or page with offset."
                )
        else:
            choices = sorted(names) + ([listing.RELEVANCE] if searching else [])
            problems["ordering"] = (
                f"ordering must be one of {', '.join(choices)}, not {raw[:40]!r}."
            )
            if raw == listing.RELEVANCE:
                problems["ordering"] += " relevance needs a search: add q."

    def detail_params(self, request) -> ListParams:
        params, problems = ListParams(), {}
        self.check_unknown(request, {"fields", "exclude"}, problems)
        self.shaping(request, params, problems)
        if problems:
            raise ParameterError(problems)
        return params

    def get_serializer_context(self):
        context = super().get_serializer_context()
        params = getattr(self, "params", None)
        if params is not None:
            context["fields"] = params.fields
            context["exclude"] = params.exclude
        return context

    # Actions ----------------------------------------------------------------------

    def filtered(self, params: ListParams):
        filterset = self.filterset_class(params.filters, queryset=self.get_queryset())
        if not filterset.is_valid():
            raise ParameterError(
                {
                    name: f"{name}: {' '.join(str(error) for error in errors)}"
                    for name, errors in filterset.form.errors.items()
                }
            )
        return filterset

    def list(self, request, *args, **kwargs):
        self.params = params = self.list_params(request)
        if params.filters or params.facets:
            filterset = self.filtered(params)
            queryset = filterset.qs
            searching = bool(filterset.form.cleaned_data.get("q"))
        else:
            # Nothing to filter (a plain list, a mirror's cursor pages): no FilterSet,
            # no form to build and validate.
            filterset, queryset, searching = None, self.get_queryset(), False
        count, count_exact = None, True
        estimate, ranked_ids, ranked_base = None, None, None
        if searching:
            estimate = search.estimated_count(queryset)
            if params.ordering is None and estimate > search.EXACT_LIMIT:
                # Relevance over a broad match ranks its newest candidates only (the
                # same design as the search page; see core/search.py).
                results = filterset.results(with_facets=False, estimate=estimate)
                queryset, count, count_exact = results.queryset, results.total, False
                ranked_ids, ranked_base = results.ranked_ids, results.base
            elif estimate > search.EXACT_LIMIT:
                count, count_exact = search.about(estimate), False
        if params.ordering is not None:
            queryset = queryset.order_by(*params.ordering.order_by())
        elif searching:
            queryset = queryset.order_by(*self.relevance)

        if params.format == "csv":
            return self.csv_response(queryset, params)

        body = {}
        if params.cursor is not None:
            after = (
                None
                if params.cursor == listing.CURSOR_START
                else listing.decode_cursor(params.cursor, params.ordering, queryset.model)
            )
            rows = listing.keyset_page(queryset, params.ordering, after, params.limit + 1)
            more, rows = len(rows) > params.limit, rows[: params.limit]
            url = request.build_absolute_uri()
            body["next"] = (
                replace_query_param(
                    url,
                    "cursor",
                    listing.encode_cursor(params.ordering, params.ordering.values_of(rows[-1])),
                )
                if more and rows
                else None
            )
            body["previous"] = None
        else:
            end = params.offset + params.limit
            if ranked_ids is not None:
                # Ranked already, in relevance order: the page looks up its own rows.
                rows = page_rows(ranked_base, ranked_ids[params.offset : end])
            else:
                rows = rows_between(queryset, params.offset, end) if params.limit else []
        if count is None:
            count = count_matches(queryset)
        if params.cursor is None:
            url = request.build_absolute_uri()
            end = params.offset + params.limit
            body["next"] = (
                replace_query_param(url, "offset", end)
                if params.limit and end < count and end <= listing.MAX_OFFSET
                else None
            )
            previous = max(params.offset - params.limit, 0)
            body["previous"] = (
                None
                if params.offset == 0
                else (
                    remove_query_param(url, "offset")
                    if previous == 0
                    else replace_query_param(url, "offset", previous)
                )
            )
        results = self.get_serializer(rows, many=True).data
        response = {"count": count, "count_exact": count_exact, **body, "results": results}
        if params.facets:
            counts = filterset.facet_counts(estimate=estimate, names=params.facets, shown=None)
            response["facets"] = {
                facet["name"]: {
                    "label": facet["label"],
                    "approximate": facet["approximate"],
                    "values": [
                        {"value": v["value"], "label": v["label"], "count": v["count"]}
                        for v in facet["values"]
                    ],
                }
                for facet in counts
            }
        self.last_modified = max(
            (row.updated_at for row in rows if getattr(row, "updated_at", None)), default=None
        )
        return Response(response)

    def retrieve(self, request, *args, **kwargs):
        self.params = self.detail_params(request)
        instance = self.get_object()
        self.last_modified = getattr(instance, "updated_at", None)
        return Response(self.get_serializer(instance).data)

    # CSV --------------------------------------------------------------------------

    def csv_response(self, queryset, params: ListParams):
        if params.offset or params.limit is not None:
            end = None if params.limit is None else params.offset + params.limit
            queryset = queryset[params.offset : end]
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        columns = list(serializer_class(context=context).fields)

        def rows():
            yield columns
            chunk = []
            for item in queryset.iterator(chunk_size=CSV_CHUNK):
                chunk.append(item)
                if len(chunk) == CSV_CHUNK:
                    yield from self.csv_rows(serializer_class, chunk, context, columns)
                    chunk = []
            yield from self.csv_rows(serializer_class, chunk, context, columns)

        writer = csv.writer(Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in rows()), content_type="text/csv; charset=utf-8"
        )
        name = self.basename or "export"
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response

    @staticmethod
    def csv_rows(serializer_class, items, context, columns):
        for data in serializer_class(items, many=True, context=context).data:
            yield [csv_cell(data.get(column)) for column in columns]

    # Headers ----------------------------------------------------------------------

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        quota = getattr(request, "quota", None)
        if (
            response.status_code == 200
            and not response.streaming
            and request.method in {"GET", "HEAD"}
        ):
            if self.answer_key:
                if isinstance(response, Response):  # citations answer plain responses
                    response.render()
                caching.keep_answer(self.answer_key, response, settings.PAGE_CACHE_SECONDS)
            response = self.conditional(request, response)
        if quota is not None:
            response["X-RateLimit-Limit"] = str(quota.limit)
            response["X-RateLimit-Remaining"] = str(quota.remaining)
            response["X-RateLimit-Reset"] = str(quota.reset)
        patch_vary_headers(response, ["Authorization"])
        return response

    def conditional(self, request, response):
        """ETag from the body itself, so it changes with anything shown (a renamed topic,
        a removed report) and never otherwise. If-Modified-Since alone is not honoured:
        a list's newest `updated_at` says nothing of items that left it."""
        if isinstance(response, Response):
            response.render()
        etag = quote_etag(hashlib.blake2b(response.content, digest_size=16).hexdigest())
        response["ETag"] = etag
        last_modified = getattr(self, "last_modified", None)
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        response["Cache-Control"] = f"public, max-age={settings.API_CACHE_SECONDS}"
        if "HTTP_IF_NONE_MATCH" not in request.META:
            return response
        return get_conditional_response(request, etag=etag, response=response)


# Counting every match of a large set (all 100,000 reports) takes longer than the rest
# of the request. Up to this many matches the count is exact and fresh; above it, it is
# exact as of at most COUNT_CACHE_SECONDS ago (the answers' own max-age), from the cache.
COUNT_EXACTLY_UP_TO = 1_000
COUNT_CACHE_SECONDS = 60


def count_matches(queryset) -> int:
    queryset = queryset.order_by().values("pk")  # leaves the annotations out
    capped = queryset[: COUNT_EXACTLY_UP_TO + 1].count()
    if capped <= COUNT_EXACTLY_UP_TO:
        return capped
    sql, params = queryset.query.sql_with_params()
    key = "api-count:" + hashlib.blake2b(repr((sql, params)).encode(), digest_size=16).hexdigest()
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, COUNT_CACHE_SECONDS)
    return count


class Echo:
    """csv.writer's file that hands each line back instead of storing it."""

    def write(self, value):
        return value


def csv_cell(value):
    """Flat cells: a link becomes its slug, a list of links their slugs joined by ';';
    text a spreadsheet would run as a formula is neutralised."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value.get("slug") or value.get("id") or json.dumps(value, ensure_ascii=False)
    elif isinstance(value, list):
        value = ";".join(str(csv_cell(item)) for item in value)
    return neutralise_formula(value)
