from django.db.models import Prefetch

from core.api.listing import Key, Ordering
from core.api.viewsets import CatalogueViewSet
from directory.api.serializers import (
    MemberStateSerializer,
    OrganizationSerializer,
    PersonSerializer,
    TopicSerializer,
    positions_prefetch,
)
from directory.filters import MemberStateFilter, OrganizationFilter, PersonFilter, TopicFilter
from directory.models import MemberState, Organization, Person, Topic


def by_name(field: str = "name") -> tuple[Ordering, ...]:
    return (
        Ordering("name", (Key(field), Key("pk")), "A to Z"),
        Ordering("-name", (Key(field, descending=True), Key("pk", descending=True)), "Z to A"),
        *BY_UPDATE,
    )


BY_UPDATE = (
    Ordering(
        "updated",
        (Key("updated_at"), Key("pk")),
        "Least recently changed first: with cursor paging, the way to sync incrementally.",
    ),
    Ordering(
        "-updated",
        (Key("updated_at", descending=True), Key("pk", descending=True)),
        "Most recently changed first.",
    ),
)


class MemberStateViewSet(CatalogueViewSet):
    """The 193 UN member states and the two non-member observer states."""

    serializer_class = MemberStateSerializer
    filterset_class = MemberStateFilter
    orderings = by_name()
    default_ordering = "name"

    def list_queryset(self):
        return MemberState.objects.published()


class OrganizationViewSet(CatalogueViewSet):
    """UN bodies, panels, regional organizations, governments, think tanks."""

    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    orderings = by_name()
    default_ordering = "name"

    def list_queryset(self):
        return Organization.objects.published().select_related("parent")


class PersonViewSet(CatalogueViewSet):
    """People who took part in events or held positions, with their positions."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    orderings = by_name("sort_name")
    default_ordering = "name"

    def list_queryset(self):
        return Person.objects.published().prefetch_related(positions_prefetch())


class TopicViewSet(CatalogueViewSet):
    """The platform's topics: protection of civilians, partnerships, and the rest."""

    serializer_class = TopicSerializer
    filterset_class = TopicFilter
    orderings = by_name()
    default_ordering = "name"

    def list_queryset(self):
        return Topic.objects.published().prefetch_related(
            Prefetch("parent", queryset=Topic.objects.published())
        )
