"""/operations/ (the list, its facets and the timeline of every operation) and an
operation's page: its facts, mandate history, leaders, uniformed personnel month by
month, and the reports, recommendations and events that name it."""

import datetime

from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.listing.filtersets import filter_chips, usable_part
from core.publishing.status import public_condition
from core.search import other_names
from core.translations import localized
from directory.models import Topic
from directory.views import newest
from operations.filters import OperationFilter
from operations.models import Leader, Mandate, Operation, OperationKind

# What the list's form has controls for: the search box and the facets.
LIST_CONTROLS = {"q"}


def listed():
    return Operation.objects.published().prefetch_related("hosts")


# The timeline's geometry (an SVG scaled to the page's width): room left of the bars
# for the acronyms, and one row an operation.
TIMELINE_LEFT, TIMELINE_WIDTH, TIMELINE_ROW, TIMELINE_TOP = 84, 820, 11, 8


def timeline(today: datetime.date) -> dict:
    """Every published operation as a bar from its start to its end (today while it
    is active), in order of start: one query, whatever the list shows."""
    rows = list(
        Operation.objects.published()
        .order_by("started_on", "acronym")
        .values("acronym", "slug", "name", "started_on", "ended_on", "dates_precision")
    )
    if not rows:
        return {}
    first, last = rows[0]["started_on"].year, today.year + 1
    per_year = (TIMELINE_WIDTH - TIMELINE_LEFT - 8) / (last - first)

    def x(day: datetime.date) -> float:
        return round(
            TIMELINE_LEFT + (day.year - first + (day.timetuple().tm_yday - 1) / 366) * per_year, 1
        )

    bars = []
    for index, row in enumerate(rows):
        end = row["ended_on"] or today
        start_x = x(row["started_on"])
        bars.append(
            {
                **row,
                "active": row["ended_on"] is None,
                "x": start_x,
                "width": max(2.0, round(x(end) - start_x, 1)),
                "y": TIMELINE_TOP + index * TIMELINE_ROW,
                "url": reverse("operations:detail", kwargs={"slug": row["slug"]}),
            }
        )
    height = TIMELINE_TOP + len(rows) * TIMELINE_ROW + 34
    ticks = [
        {"year": year, "x": x(datetime.date(year, 1, 1))}
        for year in range((first // 10 + 1) * 10, last + 1, 10)
    ]
    return {
        "bars": bars,
        "ticks": ticks,
        "width": TIMELINE_WIDTH,
        "height": height,
        "axis_y": height - 26,
        "left": TIMELINE_LEFT,
        "first": rows[0],
        "latest": max(rows, key=lambda row: row["started_on"]),
        "active": sum(1 for row in rows if row["ended_on"] is None),
        "count": len(rows),
    }


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
            "timeline": timeline(timezone.localdate()),
        },
        status=400 if filter_errors else 200,
    )


def mandates_prefetch():
    """An operation's mandate history, oldest first, each with its published tasks."""
    return Prefetch(
        "mandates",
        queryset=Mandate.objects.order_by("adopted_on", "symbol").prefetch_related(
            Prefetch("tasks", queryset=Topic.objects.published().order_by("name"))
        ),
    )


def leaders_prefetch():
    """Its leaders who are published people, the latest first."""
    return Prefetch(
        "leaders",
        queryset=Leader.objects.filter(public_condition("person__"))
        .select_related("person")
        .order_by(F("started_on").desc(nulls_last=True), "role"),
    )


def operation_jsonld(operation, request) -> dict:
    """schema.org data for search engines: an operation is an organization of the UN
    (or of its regional or ad-hoc sponsors), with its dates and where it serves."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": localized(operation, "name"),
        "alternateName": [operation.acronym, *other_names(operation.also_known_as)],
        "url": request.build_absolute_uri(operation.get_absolute_url()),
        "description": localized(operation, "summary"),
        "foundingDate": operation.started_on.isoformat(),
        "areaServed": [state.name for state in operation.hosts.all()]
        + ([operation.territory] if operation.territory else []),
    }
    if operation.kind in (OperationKind.PEACEKEEPING, OperationKind.POLITICAL):
        data["parentOrganization"] = {"@type": "Organization", "name": "United Nations"}
    if operation.ended_on:
        data["dissolutionDate"] = operation.ended_on.isoformat()
    return data


@require_safe
def operation_detail(request, slug, *, queryset=None):
    """``queryset`` is only ever given by the preview view (peaceplatform/views.py)."""
    operation = get_object_or_404(
        (Operation.objects.published() if queryset is None else queryset).prefetch_related(
            "hosts",
            Prefetch("topics", queryset=Topic.objects.published().order_by("name")),
            Prefetch("successors", queryset=Operation.objects.published().order_by("started_on")),
            mandates_prefetch(),
            leaders_prefetch(),
        ),
        slug=slug,
    )
    predecessor = operation.predecessor
    personnel = operation.contributions.summary("member_state")
    # Reports, events and recommendations name the operations they concern: read
    # through those relations (the apps above this one declare them), newest first.
    return render(
        request,
        "operations/operation_detail.html",
        {
            "operation": operation,
            "predecessor": predecessor if predecessor and predecessor.is_published else None,
            "personnel": personnel,
            "operation_jsonld": operation_jsonld(operation, request),
            "reports": newest(operation.reports.published().for_listing().newest_first()),
            "events": newest(operation.events.published().newest_first()),
            "recommendations": newest(
                operation.recommendations.published()
                .select_related("report")
                .order_by("report__published_on", "report_id", "order", "pk")
            ),
        },
    )
