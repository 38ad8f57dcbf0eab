from django.db.models import Prefetch

from core.api.listing import Key, Ordering
from core.api.viewsets import CatalogueViewSet
from directory.api.views import BY_UPDATE
from directory.models import Topic
from events.api.serializers import EventSerializer, ParticipationSerializer
from events.filters import EventFilter, ParticipationFilter
from events.models import Event, Participation
from operations.models import Operation


class EventViewSet(CatalogueViewSet):
    """High-level dialogues, working dinners, summits and meetings, newest first."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    orderings = (
        Ordering(
            "-starts",
            (Key("starts_on", descending=True), Key("pk", descending=True)),
            "Newest first.",
        ),
        Ordering("starts", (Key("starts_on"), Key("pk")), "Oldest first."),
        Ordering("title", (Key("title"), Key("pk")), "Title A to Z."),
        *BY_UPDATE,
    )
    default_ordering = "-starts"
    relevance = ("-rank", "-starts_on", "-pk")

    def list_queryset(self):
        return (
            Event.objects.published()
            .select_related("series", "country")
            .prefetch_related(
                Prefetch("topics", queryset=Topic.objects.published()),
                Prefetch("operations", queryset=Operation.objects.published()),
            )
        )


class ParticipationViewSet(CatalogueViewSet):
    """Who took part in which published event, in which role, at which level, for whom.
    Under the Chatham House rule attendance is public; no statement is attributed."""

    lookup_field = "pk"
    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    orderings = (
        Ordering(
            "event",
            (Key("event_id"), Key("order"), Key("pk")),
            "Grouped by event, in each event's own order.",
        ),
        *BY_UPDATE,
    )
    default_ordering = "event"

    def list_queryset(self):
        return Participation.objects.published().select_related(
            "event", "person", "member_state", "organization"
        )
