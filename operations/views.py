"""/operations/ and an operation's page. The reports, recommendations and events that
concern an operation come with the links that let them name it (issue "The peace
operations themselves", item 4)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.listing.filtersets import filter_chips, usable_part
from directory.models import Topic
from operations.filters import OperationFilter
from operations.models import Operation

# What the list's form has controls for: the search box and the facets.
LIST_CONTROLS = {"q"}


def listed():
    return Operation.objects.published().prefetch_related("hosts")


@require_safe
def operation_list(request):
    filterset, filter_errors = usable_part(OperationFilter(request.GET, queryset=listed()))
    results = filterset.results()
    searching = bool(filterset.form.cleaned_data.get("q"))
    if not searching:  # the newest first, then by name within a month
        results = results.ordered("-started_on", "acronym", "pk")
    page = results.page(request.GET.get("page"))
    return render(
        request,
        "operations/operation_list.html",
        {
            "filterset": filterset,
            "page": page,
            "operations": page.object_list,
            "results": results,
            "facets": results.facets,
            **filter_chips(filterset, LIST_CONTROLS, results.facets),
            "searching": searching,
            "filter_errors": filter_errors,
        },
        status=400 if filter_errors else 200,
    )


@require_safe
def operation_detail(request, slug, *, queryset=None):
    """``queryset`` is only ever given by the preview view (peaceplatform/views.py)."""
    operation = get_object_or_404(
        (Operation.objects.published() if queryset is None else queryset).prefetch_related(
            "hosts",
            Prefetch("topics", queryset=Topic.objects.published().order_by("name")),
            Prefetch("successors", queryset=Operation.objects.published().order_by("started_on")),
        ),
        slug=slug,
    )
    predecessor = operation.predecessor
    return render(
        request,
        "operations/operation_detail.html",
        {
            "operation": operation,
            "predecessor": predecessor if predecessor and predecessor.is_published else None,
        },
    )
