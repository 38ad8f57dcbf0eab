"""FilterSets for the directory's API lists (their pages are short, unfiltered lists)."""

import re

import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

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

ISO3 = re.compile(r"[A-Z]{3}")


class MemberStateChoiceFilter(RelatedMultipleFilter):
    """`member_state=FIN`: rows linked to any of the states given. A state may be named
    as partners and links name it: ISO alpha-3 (FIN), alpha-2 (FI) or its address's
    slug (finland), in any case; each is read as its alpha-3 code, the form the pages
    and facets use (FacetedFilterSetMixin calls `canonical`). What names no state is
    left as given, for the form to refuse."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "iso3")
        kwargs.setdefault("queryset", MemberState.objects.all())
        super().__init__(*args, **kwargs)

    def canonical(self, values: list[str]) -> list[str]:
        if all(ISO3.fullmatch(value) for value in values):
            return values  # what every facet link sends: no query
        # A NUL cannot go into a query: left as given, the form refuses it.
        given = [value.strip() for value in values if "\x00" not in value]
        codes = {}
        rows = MemberState.objects.filter(
            Q(iso3__in=[v.upper() for v in given])
            | Q(iso2__in=[v.upper() for v in given])
            | Q(slug__in=[v.lower() for v in given])
        )
        for iso3, iso2, slug in rows.values_list("iso3", "iso2", "slug"):
            codes |= {iso3: iso3, iso2: iso3, slug: iso3}
        return [
            codes.get(value.strip().upper(), codes.get(value.strip().lower(), value))
            for value in values
        ]


class SearchFilterSet(FacetedFilterSetMixin, django_filters.FilterSet):
    q = QueryFilter(method="filter_q", label=_("Full-text search (websearch syntax)"))
    updated_since = UpdatedSinceFilter()
    recency = (F("updated_at").desc(), F("pk").desc())

    def filter_q(self, queryset, name, value):
        return queryset.search(value) if value else queryset


class MemberStateFilter(SearchFilterSet):
    region = django_filters.MultipleChoiceFilter(choices=Region.choices, distinct=False)
    membership = django_filters.ChoiceFilter(choices=Membership.choices)
    iso3 = django_filters.CharFilter(
        method="filter_code", label=_("ISO 3166 alpha-2 or alpha-3, or UN M49 code")
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
        label=_("Parent organization"),
    )

    class Meta:
        model = Organization
        fields = []


class PersonFilter(SearchFilterSet):
    organization = RelatedMultipleFilter(
        field_name="positions__organization__slug",
        to_field_name="slug",
        queryset=Organization.objects.published(),
        label=_("Held a position in this organization"),
    )
    member_state = RelatedMultipleFilter(
        field_name="positions__member_state__iso3",
        to_field_name="iso3",
        queryset=MemberState.objects.all(),
        label=_("Held a position for this member state (ISO alpha-3)"),
    )

    class Meta:
        model = Person
        fields = []


class TopicFilter(SearchFilterSet):
    parent = RelatedMultipleFilter(
        field_name="parent__slug",
        to_field_name="slug",
        queryset=Topic.objects.published(),
        label=_("Parent topic"),
    )

    class Meta:
        model = Topic
        fields = []
