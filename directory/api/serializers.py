from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import (
    ApiUrl,
    HtmlUrl,
    ItemSerializer,
    Link,
    Links,
    LinkSchema,
    OtherNames,
    TextLanguages,
    TranslatedText,
)
from directory.models import Position

MEMBER_STATE = ("api:member-state-detail", "directory:member_state_detail")
ORGANIZATION = ("api:organization-detail", "directory:organization_detail")
PERSON = ("api:person-detail", "directory:person_detail")
TOPIC = ("api:topic-detail", "directory:topic_detail")


class MemberStateLinkSchema(LinkSchema):
    iso3 = serializers.CharField(help_text="Its ISO 3166 alpha-3 code.")


@extend_schema_field(MemberStateLinkSchema)
class MemberStateLink(Link):
    """A link to a member state, with its ISO alpha-3 code."""

    also = ("iso3",)


@extend_schema_field(MemberStateLinkSchema(many=True))
class MemberStateLinks(Links):
    also = ("iso3",)


def member_state_link(**kwargs):
    return MemberStateLink(*MEMBER_STATE, name_attr="short_name", **kwargs)


class MemberStateSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    url = ApiUrl(MEMBER_STATE[0])
    html_url = HtmlUrl(MEMBER_STATE[1])
    name = serializers.CharField(read_only=True, help_text="The name as the UN writes it.")
    short_name = serializers.CharField(read_only=True)
    official_name = serializers.CharField(read_only=True)
    iso2 = serializers.CharField(read_only=True)
    iso3 = serializers.CharField(read_only=True)
    m49 = serializers.CharField(read_only=True)
    region = serializers.CharField(read_only=True)
    membership = serializers.CharField(read_only=True)
    admitted_on = serializers.DateField(read_only=True, allow_null=True)
    observer_since = serializers.DateField(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class OrganizationSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    url = ApiUrl(ORGANIZATION[0])
    html_url = HtmlUrl(ORGANIZATION[1])
    name = TranslatedText()
    acronym = serializers.CharField(read_only=True)
    also_known_as = OtherNames()
    kind = serializers.CharField(read_only=True)
    parent = Link(*ORGANIZATION, allow_null=True)
    website = serializers.CharField(read_only=True)
    description = TranslatedText()
    languages = TextLanguages("name", "description")
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class PositionSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    organization = Link(*ORGANIZATION, allow_null=True)
    member_state = member_state_link(allow_null=True)
    started_on = serializers.DateField(read_only=True, allow_null=True)
    ended_on = serializers.DateField(read_only=True, allow_null=True)


class PersonSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    url = ApiUrl(PERSON[0])
    html_url = HtmlUrl(PERSON[1])
    name = serializers.CharField(read_only=True)
    sort_name = serializers.CharField(read_only=True)
    honorific = serializers.CharField(read_only=True)
    biography = serializers.CharField(read_only=True)
    positions = PositionSerializer(many=True, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class TopicSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    url = ApiUrl(TOPIC[0])
    html_url = HtmlUrl(TOPIC[1])
    name = TranslatedText()
    parent = Link(*TOPIC, allow_null=True)
    description = TranslatedText()
    languages = TextLanguages("name", "description")
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


def positions_prefetch():
    return Prefetch(
        "positions",
        queryset=Position.objects.select_related("organization", "member_state").order_by(
            "-started_on", "pk"
        ),
    )
