from urllib.parse import quote

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import (
    ApiUrl,
    HtmlUrl,
    ItemSerializer,
    Link,
    OtherNames,
    TextLanguages,
    TranslatedText,
    address,
    is_public,
    list_address,
)
from directory.api.serializers import ORGANIZATION, PERSON, TOPIC, member_state_link
from operations.api.serializers import OPERATION

EVENT = ("api:event-detail", "events:detail")


class SeriesSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    language = serializers.CharField(
        read_only=True, help_text="The language of `name`: a series is named in English (`en`)."
    )


class EventSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    url = ApiUrl(EVENT[0])
    html_url = HtmlUrl(EVENT[1])
    title = TranslatedText()
    also_known_as = OtherNames()
    kind = serializers.CharField(read_only=True)
    series = serializers.SerializerMethodField()
    edition = serializers.IntegerField(read_only=True, allow_null=True)
    starts_on = serializers.DateField(read_only=True)
    ends_on = serializers.DateField(read_only=True, allow_null=True)
    venue = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    country = member_state_link(allow_null=True)
    summary = TranslatedText()
    body = TranslatedText()
    languages = TextLanguages("title", "summary", "body")
    chatham_house_rule = serializers.BooleanField(
        read_only=True,
        help_text="Held under the Chatham House rule: who took part is public, "
        "no statement is attributed to anyone.",
    )
    source_url = serializers.CharField(read_only=True)
    topics = Link(*TOPIC, many=True)
    operations = Link(
        *OPERATION, name_attr="acronym", many=True, help_text="The peace operations it discussed."
    )
    participations_url = serializers.SerializerMethodField(
        help_text="Who took part: the participations list filtered to this event."
    )
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(SeriesSerializer(allow_null=True))
    def get_series(self, event):
        series = event.series
        if series is None or not is_public(series):
            return None
        return {"slug": series.slug, "name": series.name, "language": "en"}

    def get_participations_url(self, event) -> str:
        base = list_address(self.context["request"], "api:participation-list")
        return f"{base}?event={quote(event.slug)}"


class ParticipationSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    url = ApiUrl("api:participation-detail", key="pk")
    html_url = serializers.SerializerMethodField(
        help_text="The event's page, where participants are listed by role and level."
    )
    event = Link(*EVENT, name_attr="title")
    person = Link(*PERSON, allow_null=True)
    member_state = member_state_link(allow_null=True)
    organization = Link(*ORGANIZATION, allow_null=True)
    role = serializers.CharField(read_only=True)
    level = serializers.CharField(read_only=True)
    title = serializers.SerializerMethodField(
        help_text="The title stated at the event; empty while the person is not public."
    )
    order = serializers.IntegerField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_title(self, participation) -> str:
        # A title names whoever held it: it stays out while the person does.
        person = participation.person
        return participation.title if person is None or is_public(person) else ""

    def get_html_url(self, participation) -> str:
        page = address(self.context["request"], EVENT[1], participation.event.slug)
        return f"{page}#participants"
