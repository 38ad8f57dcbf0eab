from rest_framework import serializers

from core.api.fields import (
    ApiUrl,
    HtmlUrl,
    ItemSerializer,
    Link,
    OtherNames,
    TextLanguages,
    TranslatedText,
)
from directory.api.serializers import PERSON, TOPIC, member_state_link

OPERATION = ("api:operation-detail", "operations:detail")


class MandateSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = ApiUrl("api:mandate-detail", key="pk")
    symbol = serializers.CharField(read_only=True, help_text="S/RES/2100 (2013).")
    adopted_on = serializers.DateField(read_only=True)
    change = serializers.CharField(
        read_only=True, help_text="`establish`, `extend`, `change` or `end`."
    )
    runs_until = serializers.DateField(read_only=True, allow_null=True)
    tasks = Link(*TOPIC, many=True)
    note = serializers.CharField(read_only=True)
    document_url = serializers.URLField(
        read_only=True, help_text="The resolution in the UN's Official Document System."
    )


class MandateItemSerializer(ItemSerializer, MandateSerializer):
    """A mandate on its own (/api/v1/mandates/), with its operation."""

    operation = Link(*OPERATION, name_attr="acronym")
    updated_at = serializers.DateTimeField(read_only=True)


class LeaderSerializer(serializers.Serializer):
    person = Link(*PERSON)
    role = serializers.CharField(
        read_only=True,
        help_text="`head`, `deputy`, `force_commander` or `police_commissioner`.",
    )
    title = serializers.CharField(read_only=True)
    started_on = serializers.DateField(read_only=True, allow_null=True)
    ended_on = serializers.DateField(read_only=True, allow_null=True)


class OperationSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    url = ApiUrl(OPERATION[0])
    html_url = HtmlUrl(OPERATION[1])
    acronym = serializers.CharField(read_only=True)
    name = TranslatedText()
    also_known_as = OtherNames()
    kind = serializers.CharField(read_only=True)
    started_on = serializers.DateField(read_only=True)
    ended_on = serializers.DateField(
        read_only=True, allow_null=True, help_text="null while the operation is active."
    )
    dates_precision = serializers.CharField(
        read_only=True,
        help_text="`month` when the record gives months only: the dates are then the first "
        "of their month. `day` otherwise.",
    )
    state = serializers.CharField(read_only=True, help_text="`active` or `closed`.")
    hosts = member_state_link(many=True)
    territory = serializers.CharField(read_only=True)
    headquarters = serializers.CharField(read_only=True)
    predecessor = Link(*OPERATION, name_attr="acronym", allow_null=True)
    topics = Link(*TOPIC, many=True)
    summary = TranslatedText()
    languages = TextLanguages("name", "summary")
    mandates = MandateSerializer(
        many=True, read_only=True, help_text="Its mandate history, oldest resolution first."
    )
    leaders = LeaderSerializer(
        many=True, read_only=True, help_text="Heads of mission and commanders, latest first."
    )
    source_url = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class ContributionSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    operation = Link(*OPERATION, name_attr="acronym")
    member_state = member_state_link()
    month = serializers.DateField(read_only=True, help_text="The first day of the month.")
    personnel_type = serializers.CharField(
        read_only=True,
        help_text="`troops`, `staff_officers`, `experts_on_mission`, `individual_police` or "
        "`formed_police_units`.",
    )
    women = serializers.IntegerField(read_only=True, allow_null=True)
    men = serializers.IntegerField(read_only=True, allow_null=True)
    total = serializers.IntegerField(read_only=True)
    source = serializers.CharField(
        read_only=True, help_text="Where the figures come from. `Sample data…`: not real."
    )
    updated_at = serializers.DateTimeField(read_only=True)
