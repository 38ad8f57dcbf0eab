"""Profiles of member states, people, organizations and topics.

They show events and reports through the reverse managers those apps declare
(``state.participations``, ``topic.reports``…), so this app imports neither."""

from django.db.models import Count, F, Max, Min
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.listing.pagination import paginate
from core.publishing.status import public_condition
from directory.models import MemberState, Organization, Person, Region, Topic


@require_safe
def member_state_list(request):
    order = request.GET.get("order", "region")
    states = list(MemberState.objects.order_by("name"))
    by_region = [
        (region.label, [s for s in states if s.region == region.value]) for region in Region
    ]
    return render(
        request,
        "directory/memberstate_list.html",
        {"states": states, "by_region": by_region, "order": "az" if order == "az" else "region"},
    )


# How many reports, events or recommendations a profile page shows of each kind; the
# rest are a link away, on their list filtered to the profile's topic or state.
PROFILE_LIST_SIZE = 20


def linked(manager, key: str, row):
    """The published rows a reverse manager names (`topic.reports`), found by the
    facet key they keep for `row` rather than through the link table
    (KeyedQuerySet.linked_to): the newest come straight off the date index."""
    return manager.model._default_manager.published().linked_to(key, row)


def newest(queryset) -> dict:
    """The first PROFILE_LIST_SIZE rows of `queryset`, and whether there are more."""
    rows = list(queryset[: PROFILE_LIST_SIZE + 1])
    return {"rows": rows[:PROFILE_LIST_SIZE], "more": len(rows) > PROFILE_LIST_SIZE}


# Room left of the bars for the count axis and its label.
CHART_LEFT = 40


def engagement_by_year(counts: dict[int, int]) -> list[dict]:
    """Bars for the profile's chart (drawn as inline SVG), from {year: events}."""
    if not counts:
        return []
    top = max(counts.values())
    years = range(min(counts), max(counts) + 1)
    bars = []
    for index, year in enumerate(years):
        count = counts.get(year, 0)
        height = round(80 * count / top) if top else 0
        bars.append(
            {
                "year": year,
                "count": count,
                "x": CHART_LEFT + 6 + index * 34,
                "height": height,
                "y": 90 - height,
            }
        )
    return bars


@require_safe
def member_state_detail(request, slug):
    state = get_object_or_404(MemberState, slug=slug)
    # Only what the lists show: an event's body and search columns, read for each of
    # the 700 participations the DISTINCT ON sorts, were most of its 6 ms.
    participations = (
        state.participations.published()
        .select_related("event")
        .only("role", "level", "member_state", "event__slug", "event__title", "event__starts_on")
        .order_by("-event__starts_on", "event_id", "order")
    )
    # Events taken part in per year, counted in the database: a state of the sample
    # corpus takes part in 700 events, and listing them all took 2 s.
    # Read from the events' facet keys ("member_state:97": any role, hosting included),
    # each event once, rather than through the participations: 1 ms against 4.
    # (`events_held` only names the Event model here: linked() reads no relation.)
    per_year = (
        linked(state.events_held, "member_state", state)
        .values(year=ExtractYear("starts_on"))
        .annotate(events=Count("pk"))
        .order_by()
    )
    bars = engagement_by_year({row["year"]: row["events"] for row in per_year})
    # The operations app declares the contributions; this app reads them through the
    # relation and its QuerySet's vocabulary, and does not import it.
    personnel = state.contributions.published().summary("operation")
    return render(
        request,
        "directory/memberstate_detail.html",
        {
            "state": state,
            "hosted": newest(participations.hosting()),
            # Each other event once, however many delegates the state sent, and not
            # the events it hosted, which are listed above.
            "attended": newest(
                participations.exclude(
                    event__in=state.participations.hosting().values("event")
                ).distinct("event__starts_on", "event_id")
            ),
            "reports": newest(
                linked(state.reports, "member_state", state).for_listing().newest_first()
            ),
            "operations_hosted": state.operations_hosted.published().order_by("-started_on"),
            "personnel": personnel,
            "bars": bars,
            "chart_width": CHART_LEFT + 16 + 34 * len(bars),
            "chart_left": CHART_LEFT,
            "chart_top": max((bar["count"] for bar in bars), default=0),
        },
    )


@require_safe
def person_list(request):
    page = paginate(request, Person.objects.published().order_by("sort_name"), per_page=100)
    return render(request, "directory/person_list.html", {"page": page})


@require_safe
def person_detail(request, slug, *, queryset=None):
    """``queryset`` is only ever given by the preview view (peaceplatform/views.py)."""
    person = get_object_or_404(
        Person.objects.published() if queryset is None else queryset, slug=slug
    )
    positions = list(
        person.positions.select_related("organization", "member_state").order_by("-started_on")
    )
    # What the page says first: where the person is now and how much the record holds.
    record = person.participations.published().aggregate(
        events=Count("event", distinct=True),
        first=Min("event__starts_on"),
        last=Max("event__starts_on"),
    )
    return render(
        request,
        "directory/person_detail.html",
        {
            "person": person,
            "positions": positions,
            "current_positions": [p for p in positions if p.ended_on is None],
            # The peace operations they led (operations.Leader), published ones only.
            "operation_posts": person.operation_posts.filter(public_condition("operation__"))
            .select_related("operation")
            .order_by(F("started_on").desc(nulls_last=True), "pk"),
            "record": record,
            "participations": newest(
                person.participations.published()
                .select_related("event", "organization", "member_state")
                .order_by("-event__starts_on")
            ),
        },
    )


@require_safe
def organization_list(request):
    organizations = Organization.objects.published().select_related("parent").order_by("name")
    return render(
        request, "directory/organization_list.html", {"page": paginate(request, organizations, 100)}
    )


@require_safe
def organization_detail(request, slug, *, queryset=None):
    """``queryset`` is only ever given by the preview view (peaceplatform/views.py)."""
    organization = get_object_or_404(
        (Organization.objects.published() if queryset is None else queryset).select_related(
            "parent"
        ),
        slug=slug,
    )
    return render(
        request,
        "directory/organization_detail.html",
        {
            "organization": organization,
            "parent": organization.parent
            if organization.parent_id and organization.parent.is_published
            else None,
            "children": organization.children.published().order_by("name"),
            "reports": newest(
                linked(organization.reports_authored, "organization", organization)
                .for_listing()
                .newest_first()
            ),
            "participations": newest(
                organization.participations.published()
                .select_related("event", "person")
                .order_by("-event__starts_on")
            ),
            "people": organization.positions.filter(public_condition("person__"))
            .select_related("person")
            .order_by("person__sort_name"),
        },
    )


@require_safe
def topic_list(request):
    topics = Topic.objects.published().select_related("parent").order_by("name")
    return render(request, "directory/topic_list.html", {"topics": topics})


@require_safe
def topic_detail(request, slug, *, queryset=None):
    """``queryset`` is only ever given by the preview view (peaceplatform/views.py)."""
    topic = get_object_or_404(
        (Topic.objects.published() if queryset is None else queryset).select_related("parent"),
        slug=slug,
    )
    return render(
        request,
        "directory/topic_detail.html",
        {
            "topic": topic,
            "parent": topic.parent if topic.parent_id and topic.parent.is_published else None,
            "children": topic.children.published().order_by("name"),
            # The newest of each, and a link to the list of them all: a topic can hold
            # thousands (20,000 reports in the sample corpus took 15 s to render).
            "reports": newest(linked(topic.reports, "topic", topic).for_listing().newest_first()),
            "events": newest(linked(topic.events, "topic", topic).for_listing().newest_first()),
            "recommendations": newest(
                topic.recommendations.published()
                .select_related("report")
                .order_by("report__title", "order")
            ),
        },
    )
