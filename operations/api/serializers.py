from rest_framework import serializers

from core.api.fields import ApiUrl, HtmlUrl, ItemSerializer, Link, OtherNames
from directory.api.serializers import TOPIC, member_state_link

OPERATION = ("api:operation-detail", "operations:detail")


class OperationSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    url = ApiUrl(OPERATION[0])
    html_url = HtmlUrl(OPERATION[1])
    acronym = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
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
    summary = serializers.CharField(read_only=True)
    source_url = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
