"""/api/v1/corrections/: the public corrections log (directory.models.Correction), each
correction with the item it corrects, for partners who mirror our facts."""

import django_filters
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import ItemSerializer, address
from core.api.listing import Key, Ordering
from core.api.viewsets import CatalogueViewSet
from core.listing.filters import UpdatedSinceFilter
from directory.models import Correction

# Each kind of item that takes corrections: its name in the API (`type`), its model,
# its API address and the attribute that address ends with, its page's address.
ITEM_TYPES = {
    "report": ("reports.report", "api:report-detail", "slug"),
    "recommendation": ("reports.recommendation", "api:recommendation-detail", "pk"),
    "event": ("events.event", "api:event-detail", "slug"),
    "member-state": ("directory.memberstate", "api:member-state-detail", "slug"),
    "organization": ("directory.organization", "api:organization-detail", "slug"),
    "person": ("directory.person", "api:person-detail", "slug"),
    "topic": ("directory.topic", "api:topic-detail", "slug"),
    "operation": ("operations.operation", "api:operation-detail", "slug"),
}
TYPE_OF_MODEL = {label: name for name, (label, _view, _key) in ITEM_TYPES.items()}


def item_type(item) -> str:
    return TYPE_OF_MODEL[item._meta.label_lower]


@extend_schema_field(OpenApiTypes.URI)
class ItemUrl(serializers.Field):
    """The corrected item's address: in this API, or its public page (``page=True``)."""

    def __init__(self, *, page: bool = False, **kwargs):
        self.page = page
        super().__init__(source="item", read_only=True, **kwargs)

    def to_representation(self, item):
        request = self.context["request"]
        if self.page:
            return request.build_absolute_uri(item.get_absolute_url())
        _label, api_view, key = ITEM_TYPES[item_type(item)]
        return address(request, api_view, getattr(item, key), kwarg=key)


class CorrectionSerializer(ItemSerializer):
    """Flat, so that a CSV export has a column for each part of the item."""

    id = serializers.IntegerField(read_only=True)
    corrected_at = serializers.DateTimeField(read_only=True)
    note = serializers.CharField(
        read_only=True, help_text="What was wrong and what the item says now, in a sentence."
    )
    item_type = serializers.SerializerMethodField(help_text="What kind of item was corrected.")
    item_id = serializers.IntegerField(source="object_id", read_only=True)
    item_name = serializers.SerializerMethodField(help_text="How the item is named on the site.")
    item_url = ItemUrl(help_text="The corrected item in this API.")
    item_html_url = ItemUrl(page=True, help_text="The corrected item's public page.")

    @extend_schema_field(serializers.ChoiceField(choices=list(ITEM_TYPES)))
    def get_item_type(self, correction) -> str:
        return item_type(correction.item)

    def get_item_name(self, correction) -> str:
        return str(correction.item)


class CorrectionFilter(django_filters.FilterSet):
    type = django_filters.MultipleChoiceFilter(
        choices=[(name, name) for name in ITEM_TYPES],
        method="filter_type",
        label="Kind of item corrected (repeat for several)",
    )
    corrected_since = UpdatedSinceFilter(
        field_name="corrected_at", label="Corrected at or after (ISO 8601 date-time)"
    )

    class Meta:
        model = Correction
        fields = []

    def filter_type(self, queryset, name, values):
        models = [apps.get_model(ITEM_TYPES[value][0]) for value in values]
        kinds = ContentType.objects.get_for_models(*models).values()
        return queryset.filter(content_type__in=kinds)


class CorrectionViewSet(CatalogueViewSet):
    """Public corrections, newest first: each says what was wrong, when it was
    corrected, and which published item it corrects. Corrections of items that are not
    public (any more) are left out."""

    lookup_field = "pk"
    # For the schema, read without a database (the rows come from list_queryset).
    queryset = Correction.objects.none()
    serializer_class = CorrectionSerializer
    filterset_class = CorrectionFilter
    orderings = (
        Ordering(
            "-corrected",
            (Key("corrected_at", descending=True), Key("pk", descending=True)),
            "Newest correction first.",
        ),
        Ordering("corrected", (Key("corrected_at"), Key("pk")), "Oldest correction first."),
    )
    default_ordering = "-corrected"

    def list_queryset(self):
        return Correction.objects.public().with_items()
