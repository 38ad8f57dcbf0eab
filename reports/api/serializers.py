from django.core.files.storage import default_storage
from django.utils.text import slugify
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from directory.api.fields import (
    ApiUrl,
    HtmlUrl,
    ItemSerializer,
    Link,
    Links,
    address,
    link_to,
)
from directory.api.serializers import MEMBER_STATE, ORGANIZATION, TOPIC
from events.api.serializers import EVENT
from reports.models import RELATION_INVERSES, RelationKind

REPORT = ("api:report-detail", "reports:detail")


class DocumentSerializer(serializers.Serializer):
    language = serializers.CharField(read_only=True, help_text="ISO 639-1: ar, zh, en, fr, ru, es.")
    download_url = serializers.URLField(
        read_only=True, help_text="The file on this platform, or the official copy elsewhere."
    )
    size_bytes = serializers.IntegerField(read_only=True, allow_null=True)


class RelatedReportSerializer(serializers.Serializer):
    relation = serializers.CharField(help_text="responds_to, implements, follows_up, refers_to.")
    direction = serializers.ChoiceField(
        choices=["outgoing", "incoming"],
        help_text="outgoing: this report <relation> the other; incoming: the other <relation> "
        "this report.",
    )
    label = serializers.CharField(
        help_text="As the site reads it: “responds to”, “responded to by”."
    )
    report = Link(*REPORT, name_attr="title")


class RecommendationSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField()


class ReportSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    url = ApiUrl(REPORT[0])
    html_url = HtmlUrl(REPORT[1])
    title = serializers.CharField(read_only=True)
    subtitle = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    symbols = serializers.ListField(
        child=serializers.CharField(),
        source="api_symbols",
        read_only=True,
        help_text="UN document symbols, e.g. A/70/95.",
    )
    published_on = serializers.DateField(read_only=True, allow_null=True)
    authors = Links(*ORGANIZATION, source="api_authors")
    summary = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    source_url = serializers.CharField(read_only=True)
    topics = Links(*TOPIC, source="api_topics")
    member_states = Links(*MEMBER_STATE, source="api_member_states")
    events = Links(*EVENT, source="api_events")
    documents = serializers.SerializerMethodField()
    related_reports = serializers.SerializerMethodField()
    recommendations = serializers.SerializerMethodField()
    citation_url = serializers.SerializerMethodField(
        help_text="The citation as CSL-JSON; add ?style=bibtex or ?style=ris for those."
    )
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    # The relations arrive as JSON arrays annotated on the row (reports/api/views.py).

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, report):
        request = self.context["request"]
        return [
            {
                "language": document["language"],
                "download_url": request.build_absolute_uri(default_storage.url(document["file"]))
                if document["file"]
                else document["source_url"],
                "size_bytes": document["size_bytes"],
            }
            for document in report.api_documents
        ]

    @extend_schema_field(RelatedReportSerializer(many=True))
    def get_related_reports(self, report):
        request = self.context["request"]
        related = []
        for direction, relations in (
            ("outgoing", report.api_relations_out),
            ("incoming", report.api_relations_in),
        ):
            for relation in relations:
                kind = relation["kind"]
                label = (
                    RelationKind(kind).label if direction == "outgoing" else RELATION_INVERSES[kind]
                )
                related.append(
                    {
                        "relation": kind,
                        "direction": direction,
                        "label": str(label),
                        "report": link_to(request, relation, *REPORT),
                    }
                )
        return related

    @extend_schema_field(RecommendationSummarySerializer(many=True))
    def get_recommendations(self, report):
        request = self.context["request"]
        return [
            {
                **recommendation,
                "url": address(
                    request, "api:recommendation-detail", recommendation["id"], kwarg="pk"
                ),
            }
            for recommendation in report.api_recommendations
        ]

    def get_citation_url(self, report) -> str:
        return address(self.context["request"], "api:report-citation", report.slug)


class UpdateSerializer(serializers.Serializer):
    status = serializers.CharField(read_only=True)
    dated = serializers.DateField(read_only=True)
    summary = serializers.CharField(read_only=True)
    source_report = Link(*REPORT, name_attr="title", allow_null=True)
    source_event = Link(*EVENT, name_attr="title", allow_null=True)
    source_url = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class RecommendationSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    url = ApiUrl("api:recommendation-detail", key="pk")
    html_url = serializers.SerializerMethodField(help_text="Its place on the report's page.")
    report = Link(*REPORT, name_attr="title")
    label = serializers.CharField(read_only=True, help_text="As numbered in the report.")
    order = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)
    topics = Link(*TOPIC, many=True)
    events = Link(*EVENT, name_attr="title", many=True)
    current_status = serializers.CharField(
        read_only=True, allow_null=True, help_text="The latest update's status; null if none."
    )
    current_status_on = serializers.DateField(read_only=True, allow_null=True)
    updates = UpdateSerializer(many=True, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_html_url(self, recommendation) -> str:
        page = address(self.context["request"], REPORT[1], recommendation.report.slug)
        return f"{page}#recommendation-{slugify(recommendation.label)}"
