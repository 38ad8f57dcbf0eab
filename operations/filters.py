"""OperationFilter: one FilterSet for /operations/ and /api/v1/operations/."""

import django_filters
from django.db.models import F
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.listing.facets import FieldFacet, ThroughFacet
from core.listing.filters import (
    FixedChoices,
    MultipleFilter,
    RelatedMultipleFilter,
    UpdatedSinceFilter,
    YearsFilter,
)
from core.listing.filtersets import FacetedFilterSetMixin
from core.publishing.status import public_condition
from core.search import QueryFilter, looks_like_symbol
from directory.filters import MemberStateChoiceFilter
from directory.models import Region, Topic
from operations.models import (
    Contribution,
    Mandate,
    MandateChange,
    Operation,
    OperationKind,
    PersonnelType,
)

STATES = (("active", _("Active")), ("closed", _("Closed")))
DECADES = FixedChoices(
    (str(decade), format_lazy(_("{decade}s"), decade=decade)) for decade in range(1940, 2100, 10)
)


class OperationFilter(FacetedFilterSetMixin, django_filters.FilterSet):
    q = QueryFilter(method="filter_q", label=_("Search operations"))
    kind = django_filters.MultipleChoiceFilter(
        choices=OperationKind.choices, distinct=False, label=_("Kind")
    )
    state = django_filters.MultipleChoiceFilter(
        choices=STATES, distinct=False, label=_("Active or closed")
    )
    decade = django_filters.MultipleChoiceFilter(
        choices=DECADES, distinct=False, label=_("Decade started")
    )
    host = MemberStateChoiceFilter(field_name="hosts__iso3", label=_("Host member state"))
    region = MultipleFilter(field_name="hosts__region", choices=Region.choices, label=_("Region"))
    topic = RelatedMultipleFilter(
        field_name="topics__slug",
        to_field_name="slug",
        queryset=Topic.objects.published(),
        label=_("Topic"),
    )
    task = RelatedMultipleFilter(
        field_name="mandates__tasks__slug",
        to_field_name="slug",
        queryset=Topic.objects.published(),
        label=_("Mandate task"),
    )
    updated_since = UpdatedSinceFilter()

    facets = [
        FieldFacet(
            "state", _("Active or closed"), Operation, "state", choices=STATES, from_row=True
        ),
        FieldFacet(
            "kind", _("Kind"), Operation, "kind", choices=OperationKind.choices, from_row=True
        ),
        FieldFacet(
            "decade",
            _("Decade started"),
            Operation,
            "decade",
            choices={int(value): label for value, label in DECADES},
            from_row=True,
        ),
        ThroughFacet(
            "host",
            _("Host member state"),
            Operation.hosts.through,
            "operation_id",
            "memberstate__iso3",
            "memberstate__short_name",
        ),
        ThroughFacet(
            "region",
            _("Region"),
            Operation.hosts.through,
            "operation_id",
            "memberstate__region",
            None,
            choices=Region.choices,
        ),
        ThroughFacet(
            "task",
            _("Mandate task"),
            Mandate.tasks.through,
            "mandate__operation_id",
            "topic__slug",
            "topic__name",
            condition=public_condition("topic__"),
        ),
        ThroughFacet(
            "topic",
            _("Topic"),
            Operation.topics.through,
            "operation_id",
            "topic__slug",
            "topic__name",
            condition=public_condition("topic__"),
        ),
    ]

    recency = (F("started_on").desc(), F("pk").desc())

    class Meta:
        model = Operation
        fields = []

    def filter_q(self, queryset, name, value):
        """Words search the operations' names and summaries; a resolution's symbol
        (S/RES/2100 (2013), or its beginning) finds the operations whose mandate it
        set, as a report's symbol finds the report (reports/filters.py)."""
        if not value:
            return queryset
        symbol = looks_like_symbol(value.replace(" ", ""))
        if symbol and Mandate.objects.with_symbol_starting(value).exists():
            return queryset.mandated_by(value)
        return queryset.search(value)


class MandateFilter(FacetedFilterSetMixin, django_filters.FilterSet):
    """/api/v1/mandates/: the Security Council's mandate decisions, by operation,
    task, kind of change, year and symbol."""

    operation = RelatedMultipleFilter(
        field_name="operation__slug",
        to_field_name="slug",
        queryset=Operation.objects.published(),
        label=_("Operation (its slug, such as minusma)"),
    )
    task = RelatedMultipleFilter(
        field_name="tasks__slug",
        to_field_name="slug",
        queryset=Topic.objects.published(),
        label=_("Task the mandate gave (a topic's slug)"),
    )
    change = django_filters.MultipleChoiceFilter(
        choices=MandateChange.choices, distinct=False, label=_("What the resolution did")
    )
    year = YearsFilter(field_name="adopted_on", label=_("Year adopted"))
    symbol = django_filters.CharFilter(
        method="filter_symbol",
        label=_("The resolution's symbol or its beginning (S/RES/2100)"),
        max_length=64,
    )
    updated_since = UpdatedSinceFilter()

    recency = (F("adopted_on").desc(), F("pk").desc())

    class Meta:
        model = Mandate
        fields = []

    def filter_symbol(self, queryset, name, value):
        return queryset.with_symbol_starting(value)


class ContributionFilter(FacetedFilterSetMixin, django_filters.FilterSet):
    """/api/v1/contributions/: the monthly figures, by operation, contributor, type
    and year."""

    operation = RelatedMultipleFilter(
        field_name="operation__slug",
        to_field_name="slug",
        queryset=Operation.objects.published(),
        label=_("Operation (its slug, such as minusma)"),
    )
    member_state = MemberStateChoiceFilter(
        field_name="member_state__iso3", label=_("Contributing member state")
    )
    personnel_type = django_filters.MultipleChoiceFilter(
        choices=PersonnelType.choices, distinct=False, label=_("Personnel type")
    )
    year = YearsFilter(field_name="month", label=_("Year of the figures"))
    updated_since = UpdatedSinceFilter()

    recency = (F("month").desc(), F("pk").desc())

    class Meta:
        model = Contribution
        fields = []
