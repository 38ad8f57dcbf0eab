"""CatalogueViewSet: list and detail for one kind of published item, on DRF's own
extension points. A list request flows once through each: the parameters checked
strictly (`check_parameters`, core/api/listing.py), the filter backend (FilterSet and
order, core/api/filtering.py), the paginator (offset or keyset, core/api/pagination.py),
the serializer, the renderer (JSON, or CSV streamed); ETags, the quota's headers and
the answer cache are mixins (core/api/mixins.py)."""

import hashlib

from django.core.cache import cache
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.metadata import SimpleMetadata
from rest_framework.renderers import JSONRenderer

from core.api import listing
from core.api.errors import ParameterError
from core.api.filtering import CatalogueFilterBackend
from core.api.listing import ListParams
from core.api.mixins import (
    CachedAnswerMixin,
    ConditionalGetMixin,
    JSONErrorsMixin,
    LanguageMixin,
    QuotaHeadersMixin,
)
from core.api.pagination import KeysetPagination, OffsetPagination
from core.api.posted import FlatJSONParser, read_posted_query
from core.api.renderers import CSVRenderer

CSV_CHUNK = 500


class ListMetadata(SimpleMetadata):
    """OPTIONS says what a list renders and parses, without DRF's "actions": its POST
    is a query (`create`), which creates nothing, so it has no fields to fill in."""

    def determine_actions(self, request, view):
        return {}


class CatalogueViewSet(
    QuotaHeadersMixin,
    ConditionalGetMixin,
    LanguageMixin,
    CachedAnswerMixin,
    JSONErrorsMixin,
    viewsets.ReadOnlyModelViewSet,
):
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    filterset_class = None
    filter_backends = [CatalogueFilterBackend]
    pagination_class = OffsetPagination
    renderer_classes = [JSONRenderer, CSVRenderer]
    parser_classes = [FlatJSONParser]  # a POSTed query (core/api/posted.py)
    metadata_class = ListMetadata
    orderings: tuple[listing.Ordering, ...] = ()
    default_ordering = ""
    # The order of `ordering=relevance` (the default when searching with q).
    relevance: tuple = ("-rank", "-pk")

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
        self.object = super().get_object()
        return self.object

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset  # a detail is found by its address alone
        return super().filter_queryset(queryset)

    def get_renderers(self):
        if self.action == "list":
            return super().get_renderers()
        return [JSONRenderer()]  # CSV is a list's

    @property
    def paginator(self):
        if self.pagination_class is None:
            return None
        if not hasattr(self, "_paginator"):
            params = getattr(self, "params", None)
            keyset = params is not None and params.cursor is not None
            self._paginator = KeysetPagination() if keyset else OffsetPagination()
        return self._paginator

    def initialize_request(self, request, *args, **kwargs):
        request = super().initialize_request(request, *args, **kwargs)
        if self.action == "create":
            # POST on a list is the same list, its parameters in a JSON body (`create`).
            self.action = "list"
        return request

    @extend_schema(
        summary="The same list, its query in a JSON body",
        description="For queries too long for an address: the parameters of the GET "
        "list as a JSON object, each a string or a whole number as there, and a list of "
        "them where GET repeats the parameter. The answer is the GET list's.",
        request={"application/json": OpenApiTypes.OBJECT},  # filled in by schema.posted_queries
        responses={200: OpenApiTypes.OBJECT},
    )
    def create(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    def check_parameters(self, request):
        if request.method == "POST":
            read_posted_query(request, self)
            # `format` may come in the body: choose the renderer again.
            request.accepted_renderer, request.accepted_media_type = (
                self.perform_content_negotiation(request)
            )
        if self.action == "list":
            self.params = self.list_params(request)
        elif self.action == "retrieve":
            self.params = self.detail_params(request)

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
        self.facet_shaping(request, params, problems, asked=raw_facets is not None)
        self.shaping(request, params, problems)
        if problems:
            raise ParameterError(problems)
        data = request.GET.copy()
        for name in (*listing.PAGING_PARAMETERS, *listing.SHAPING_PARAMETERS):
            data.pop(name, None)
        params.filters = data
        return params

    def facet_shaping(self, request, params: ListParams, problems: dict, *, asked: bool):
        """`facet_limit` (values per facet) and `facet_sort` (count or label), which
        shape the facets asked for and mean nothing without them."""
        limit = listing.single(request, "facet_limit", problems)
        sort = listing.single(request, "facet_sort", problems)
        for name, raw in (("facet_limit", limit), ("facet_sort", sort)):
            if raw is not None and not self.facet_names():
                problems[name] = "this endpoint has no facets."
            elif raw is not None and not asked:
                problems[name] = f"{name} shapes the facets: ask for some with facets=…"
        if limit is not None and asked:
            params.facet_limit = listing.whole_number(
                limit, "facet_limit", 1, listing.MAX_FACET_LIMIT, problems
            )
        if sort is not None and asked:
            if sort not in listing.FACET_SORTS:
                problems["facet_sort"] = (
                    f"facet_sort must be one of {', '.join(listing.FACET_SORTS)}, "
                    f"not {sort[:20]!r}."
                )
            else:
                params.facet_sort = sort

    def choose_ordering(self, request, params: ListParams, problems: dict, *, searching: bool):
        """`params.ordering`: a named Ordering, or None for relevance (only with q)."""
        searching = searching and bool(request.GET.get("q", "").strip())
        names = self.ordering_names
        raw = listing.single(request, "ordering", problems)
        if raw is None:
            params.ordering = None if searching else names.get(self.default_ordering)
            if searching and params.cursor is not None:
                # Relevance is the default with q, and cursors need a stable order:
                # said, rather than paging silently in another order than asked.
                problems["cursor"] = (
                    "cursor paging needs a stable ordering, and with q the default is "
                    f"relevance, which is not one: add ordering (one of "
                    f"{', '.join(sorted(names))}), or page with offset."
                )
        elif raw in names:
            params.ordering = names[raw]
        elif "," in raw and all(part in names for part in raw.split(",")):
            params.ordering = listing.Ordering.combined([names[part] for part in raw.split(",")])
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
                f"ordering must be one of {', '.join(choices)}, or several of them but "
                f"relevance, comma-separated without spaces (-published,title); "
                f"not {raw[:40]!r}."
            )
            if raw == listing.RELEVANCE:
                problems["ordering"] += " relevance needs a search: add q."

    def detail_params(self, request) -> ListParams:
        params, problems = ListParams(), {}
        self.check_unknown(request, {"fields", "exclude", "lang"}, problems)
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

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == CSVRenderer.format:
            return self.csv_response(self.filter_queryset(self.get_queryset()))
        return super().list(request, *args, **kwargs)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        if self.params.facets:
            response.data["facets"] = self.facets()
        rows = self.paginator.rows
        self.last_modified = max(
            (row.updated_at for row in rows if getattr(row, "updated_at", None)), default=None
        )
        return response

    def facets(self) -> dict:
        counts = self.filterset.facet_counts(
            estimate=self.estimate, names=self.params.facets, shown=None
        )
        answer = {}
        for facet in counts:
            values = facet["values"]
            if self.params.facet_sort == "label":
                values = sorted(values, key=lambda v: (str(v["label"]).casefold(), v["value"]))
            answer[facet["name"]] = {
                "label": facet["label"],
                "approximate": facet["approximate"],
                "total": len(values),
                "values": [
                    {"value": v["value"], "label": v["label"], "count": v["count"]}
                    for v in values[: self.params.facet_limit]
                ],
            }
        return answer

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        self.last_modified = getattr(self.object, "updated_at", None)
        return response

    # CSV --------------------------------------------------------------------------

    def csv_response(self, queryset):
        params = self.params
        if params.offset or params.limit is not None:
            end = None if params.limit is None else params.offset + params.limit
            queryset = queryset[params.offset : end]
        serializer_class = self.get_serializer_class()
        context = self.get_serializer_context()
        columns = list(serializer_class(context=context).fields)

        def chunks():
            chunk = []
            for item in queryset.iterator(chunk_size=CSV_CHUNK):
                chunk.append(item)
                if len(chunk) == CSV_CHUNK:
                    yield serializer_class(chunk, many=True, context=context).data
                    chunk = []
            yield serializer_class(chunk, many=True, context=context).data

        response = StreamingHttpResponse(
            CSVRenderer().lines(columns, chunks()), content_type="text/csv; charset=utf-8"
        )
        name = self.basename or "export"
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response

    def count_matches(self, queryset) -> int:
        return count_matches(queryset)


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
