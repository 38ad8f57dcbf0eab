"""CatalogueFilterBackend: a list's FilterSet, applied strictly, and its order. It
leaves the view the Results its paginator reads: the total (exact, or estimated for a
broad search) and, for a broad relevance search, the newest candidates' ids ranked
already."""

from django_filters.rest_framework import DjangoFilterBackend

from core import search
from core.api.errors import ParameterError
from core.listing.results import Results


class CatalogueFilterBackend(DjangoFilterBackend):
    def get_filterset_kwargs(self, request, queryset, view):
        # The filters only: paging and shaping were validated apart (view.params).
        return {"data": view.params.filters, "queryset": queryset, "request": request}

    def filter_queryset(self, request, queryset, view):
        params = view.params
        view.filterset = filterset = None
        view.estimate = None
        searching = False
        if params.filters or params.facets:
            # Nothing to filter (a plain list, a mirror's cursor pages) builds no form.
            view.filterset = filterset = self.get_filterset(request, queryset, view)
            if not filterset.is_valid():
                raise ParameterError(
                    {
                        name: f"{name}: {' '.join(str(error) for error in errors)}"
                        for name, errors in filterset.form.errors.items()
                    }
                )
            queryset = filterset.qs
            searching = bool(filterset.form.cleaned_data.get("q"))
        view.results = self.results(queryset, filterset, params, view, searching)
        return view.results.queryset

    def results(self, queryset, filterset, params, view, searching) -> Results:
        count = view.count_matches
        if not searching:
            # A q that cleans to no words (q=-) searches nothing: the default order.
            ordering = params.ordering or view.ordering_names[view.default_ordering]
            return Results(queryset.order_by(*ordering.order_by()), [], counted_by=count)
        estimate = search.checked_estimate(
            queryset, search.estimated_count(queryset), filterset.form.cleaned_data.get("q")
        )
        view.estimate = estimate
        broad = estimate > search.EXACT_LIMIT
        if params.ordering is not None:
            ordered = queryset.order_by(*params.ordering.order_by())
            if broad:
                return Results(ordered, [], total=search.about(estimate), approximate=True)
            return Results(ordered, [], counted_by=count)
        if broad:
            # Relevance over a broad match ranks its newest candidates only (the same
            # design as the search page; see core/search.py).
            results = filterset.results(with_facets=False, estimate=estimate)
            results.queryset = results.queryset.order_by(*view.relevance)
            return results
        return Results(queryset.order_by(*view.relevance), [], counted_by=count)
