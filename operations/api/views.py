from django.db.models import Prefetch

from core.api.listing import Key, Ordering
from core.api.viewsets import CatalogueViewSet
from directory.api.views import BY_UPDATE
from directory.models import Topic
from operations.api.serializers import (
    ContributionSerializer,
    MandateItemSerializer,
    OperationSerializer,
)
from operations.filters import ContributionFilter, MandateFilter, OperationFilter
from operations.models import Contribution, Mandate, Operation
from operations.views import leaders_prefetch, mandates_prefetch


class OperationViewSet(CatalogueViewSet):
    """Peace operations: every UN peacekeeping operation since 1948, with their hosts
    and the operations they took over from."""

    serializer_class = OperationSerializer
    filterset_class = OperationFilter
    orderings = (
        Ordering(
            "-started",
            (Key("started_on", descending=True), Key("pk", descending=True)),
            "The latest started first.",
        ),
        Ordering("started", (Key("started_on"), Key("pk")), "The earliest started first."),
        Ordering("acronym", (Key("acronym"), Key("pk")), "By acronym, A to Z."),
        *BY_UPDATE,
    )
    default_ordering = "-started"

    def list_queryset(self):
        return (
            Operation.objects.published()
            .prefetch_related(
                "hosts",
                Prefetch("topics", queryset=Topic.objects.published().order_by("name")),
                mandates_prefetch(),
                leaders_prefetch(),
            )
            .select_related("predecessor")
        )


class MandateViewSet(CatalogueViewSet):
    """The Security Council resolutions that established, extended, changed or ended
    the mandates of published operations, with the tasks each gave."""

    lookup_field = "pk"
    serializer_class = MandateItemSerializer
    filterset_class = MandateFilter
    orderings = (
        Ordering(
            "-adopted",
            (Key("adopted_on", descending=True), Key("pk", descending=True)),
            "The latest adopted first.",
        ),
        Ordering("adopted", (Key("adopted_on"), Key("pk")), "The earliest adopted first."),
        *BY_UPDATE,
    )
    default_ordering = "-adopted"

    def list_queryset(self):
        return (
            Mandate.objects.published()
            .select_related("operation")
            .prefetch_related(
                Prefetch("tasks", queryset=Topic.objects.published().order_by("name"))
            )
        )


class ContributionViewSet(CatalogueViewSet):
    """Uniformed personnel by month, operation, contributing member state and type, as
    the UN reports them: the figures of published operations."""

    lookup_field = "pk"
    serializer_class = ContributionSerializer
    filterset_class = ContributionFilter
    orderings = (
        Ordering(
            "-month",
            (Key("month", descending=True), Key("pk", descending=True)),
            "The latest month first.",
        ),
        Ordering("month", (Key("month"), Key("pk")), "The earliest month first."),
        *BY_UPDATE,
    )
    default_ordering = "-month"

    def list_queryset(self):
        return Contribution.objects.published().select_related("operation", "member_state")
