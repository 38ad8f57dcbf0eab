"""EventFilter: one FilterSet for the public event list (and the API to come)."""

import django_filters
from django.db.models import Count, F
from django.db.models.functions import ExtractYear

from directory.filtering import (
    FacetedFilterSetMixin,
    FieldFacet,
    RelatedMultipleFilter,
    ThroughFacet,
)
from directory.models import MemberState, Topic
from directory.search import QueryFilter
from events.models import Event, EventKind, Participation

YEARS = [(str(year), str(year)) for year in range(1945, 2101)]


class EventYearFacet(FieldFacet):
    def counts(self, ids):
        rows = (
            Event.objects.filter(pk__in=ids)
            .annotate(year=ExtractYear("starts_on"))
            .values("year")
            .annotate(n=Count("pk"))
            .order_by("-year")
        )
        return [(str(row["year"]), str(row["year"]), row["n"]) for row in rows]


class EventFilter(FacetedFilterSetMixin, django_filters.FilterSet):
    q = QueryFilter(method="filter_q", label="Search events")
    year = django_filters.MultipleChoiceFilter(
        field_name="starts_on__year", choices=YEARS, label="Year", distinct=False
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=EventKind.choices, label="Kind", distinct=False
    )
    topic = RelatedMultipleFilter(
        field_name="topics__slug",
        to_field_name="slug",
        queryset=Topic.objects.published(),
        label="Topic",
    )
    member_state = RelatedMultipleFilter(
        field_name="participations__member_state__iso3",
        to_field_name="iso3",
        queryset=MemberState.objects.all(),
        label="Member state taking part",
    )

    facets = [
        EventYearFacet("year", "Year", Event, "year"),
        FieldFacet("kind", "Kind", Event, "kind", choices=EventKind.choices),
        ThroughFacet(
            "topic", "Topic", Event.topics.through, "event_id", "topic__slug", "topic__name"
        ),
        ThroughFacet(
            "member_state",
            "Member state taking part",
            Participation,
            "event_id",
            "member_state__iso3",
            "member_state__short_name",
        ),
    ]

    recency = (F("starts_on").desc(), F("pk").desc())

    class Meta:
        model = Event
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.search(value) if value else queryset
