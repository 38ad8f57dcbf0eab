"""EventFilter: one FilterSet for the public event list (and the API to come)."""

import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.listing.facets import FieldFacet, ThroughFacet, YearFacet
from core.listing.filters import (
    RelatedMultipleFilter,
    UpdatedSinceFilter,
    YearsFilter,
)
from core.listing.filtersets import FacetedFilterSetMixin
from core.publishing.status import public_condition
from core.search import QueryFilter
from directory.filters import MemberStateChoiceFilter
from directory.models import MemberState, Organization, Person, Topic
from events.models import Event, EventKind, EventSeries, Level, Participation, Role
from operations.models import Operation


class HostFilter(MemberStateChoiceFilter):
    """Events that one of the member states chosen hosted or co-hosted."""

    def condition(self, chosen):
        hosting = Participation.objects.hosting().filter(member_state__in=chosen)
        return Q(pk__in=hosting.values("event_id"))


class EventFilter(FacetedFilterSetMixin, django_filters.FilterSet):
    q = QueryFilter(method="filter_q", label=_("Search events"))
    year = YearsFilter(field_name="starts_on", label=_("Year"))
    kind = django_filters.MultipleChoiceFilter(
        choices=EventKind.choices, label=_("Kind"), distinct=False
    )
    topic = RelatedMultipleFilter(
        field_name="topics__slug",
        to_field_name="slug",
        queryset=Topic.objects.published(),
        label=_("Topic"),
        key="topic",
    )
    member_state = MemberStateChoiceFilter(
        field_name="participations__member_state__iso3",
        label=_("Member state taking part"),
        key="member_state",
    )
    organization = RelatedMultipleFilter(
        field_name="participations__organization__slug",
        to_field_name="slug",
        queryset=Organization.objects.published(),
        label=_("Organization taking part"),
        key="organization",
    )
    person = RelatedMultipleFilter(
        field_name="participations__person__slug",
        to_field_name="slug",
        queryset=Person.objects.published(),
        label=_("Person taking part"),
    )
    host = HostFilter(
        field_name="participations__member_state__iso3",
        label=_("Member state hosting"),
    )
    series = RelatedMultipleFilter(
        field_name="series__slug",
        to_field_name="slug",
        queryset=EventSeries.objects.published(),
        label=_("Series"),
    )
    operation = RelatedMultipleFilter(
        field_name="operations__slug",
        to_field_name="slug",
        queryset=Operation.objects.published(),
        label=_("Peace operation discussed"),
    )
    starts_after = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="gte", label=_("Starts on or after")
    )
    starts_before = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="lte", label=_("Starts on or before")
    )
    updated_since = UpdatedSinceFilter()

    facets = [
        YearFacet("year", _("Year"), Event, "starts_on"),
        FieldFacet("kind", _("Kind"), Event, "kind", choices=EventKind.choices, from_row=True),
        ThroughFacet(
            "topic",
            _("Topic"),
            Event.topics.through,
            "event_id",
            "topic__slug",
            "topic__name",
            condition=public_condition("topic__"),
            key="topic",
            related=Topic.objects.published(),
        ),
        ThroughFacet(
            "member_state",
            _("Member state taking part"),
            Participation,
            "event_id",
            "member_state__iso3",
            "member_state__short_name",
            key="member_state",
            related=MemberState.objects.all(),
        ),
    ]

    recency = (F("starts_on").desc(), F("pk").desc())
    # A broad word's newest candidates (the site search's "Gao": 7,000 of 100,000
    # events) are found past a date edge, as the reports' are (newest_rows).
    recency_field = "starts_on"
    # Ranked candidates come out as rank, then newest first: the events' relevance order.
    ranks_candidates = True

    class Meta:
        model = Event
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.search(value) if value else queryset


class ParticipationFilter(FacetedFilterSetMixin, django_filters.FilterSet):
    event = RelatedMultipleFilter(
        field_name="event__slug",
        to_field_name="slug",
        queryset=Event.objects.published(),
        label=_("Event"),
    )
    member_state = MemberStateChoiceFilter(
        field_name="member_state__iso3",
        label=_("Member state represented"),
    )
    person = RelatedMultipleFilter(
        field_name="person__slug",
        to_field_name="slug",
        queryset=Person.objects.published(),
        label=_("Person"),
    )
    organization = RelatedMultipleFilter(
        field_name="organization__slug",
        to_field_name="slug",
        queryset=Organization.objects.published(),
        label=_("Organization represented"),
    )
    role = django_filters.MultipleChoiceFilter(choices=Role.choices, distinct=False)
    level = django_filters.MultipleChoiceFilter(choices=Level.choices, distinct=False)
    year = YearsFilter(field_name="event__starts_on", label=_("Year of the event"))
    updated_since = UpdatedSinceFilter()

    recency = (F("updated_at").desc(), F("pk").desc())

    class Meta:
        model = Participation
        fields = []
