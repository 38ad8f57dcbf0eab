"""FilterSets for the directory's API lists (their pages are short, unfiltered lists)."""

import django_filters
from django.db.models import F

from core.listing.filters import RelatedMultipleFilter, UpdatedSinceFilter
from core.listing.filtersets import FacetedFilterSetMixin
from core.search import QueryFilter
from directory.models import (
    Membership,
    MemberState,
    Organization,
    OrganizationKind,
    Person,
    Region,
    Topic,
)


class SearchFilterSet(FacetedFilterSetMixin, django_filters.FilterSet):
    q = QueryFilter(method="filter_q", label="Full-text search (websearch syntax)")
    updated_since = UpdatedSinceFilter()
    recency = (F("updated_at").desc(), F("pk").desc())

    def filter_q(self, queryset, name, value):
        return queryset.search(value) if value else queryset


class MemberStateFilter(SearchFilterSet):
    region = django_filters.MultipleChoiceFilter(choices=Region.choices, distinct=False)
    membership = django_filters.ChoiceFilter(choices=Membership.choices)
    iso3 = django_filters.CharFilter(
        method="filter_code", label="ISO 3166 alpha-2 or alpha-3, or UN M49 code"
    )

    class Meta:
        model = MemberState
        fields = []

    def filter_code(self, queryset, name, value):
        return queryset.filter(pk__in=MemberState.objects.by_code(value).values("pk"))


class OrganizationFilter(SearchFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=OrganizationKind.choices, distinct=False)
    parent = RelatedMultipleFilter(
        field_name="parent__slug",
        to_field_name="slug",
        queryset=Organization.objects.published(),
        label="Parent organization",
    )

    class Meta:
        model = Organization
        fields = []


class PersonFilter(SearchFilterSet):
    organization = RelatedMultipleFilter(
        field_name="positions__organization__slug",
        to_field_name="slug",
        queryset=Organization.objects.published(),
        label="Held a position in this organization",
    )
    member_state = RelatedMultipleFilter(
        field_name="positions__member_state__iso3",
        to_field_name="iso3",
        queryset=MemberState.objects.all(),
        label="Held a position for this member state (ISO alpha-3)",
    )

    class Meta:
        model = Person
        fields = []


class TopicFilter(SearchFilterSet):
    parent = RelatedMultipleFilter(
        field_name="parent__slug",
        to_field_name="slug",
        queryset=Topic.objects.published(),
        label="Parent topic",
    )

    class Meta:
        model = Topic
        fields = []
