from django.urls import reverse
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import (
    ApiUrl,
    HtmlUrl,
    ItemSerializer,
    Link,
    Links,
    OtherNames,
    TextLanguages,
    TranslatedText,
    address,
    link_to,
)
from core.translations import hreflang, localized
from directory.api.serializers import (
    MEMBER_STATE,
    ORGANIZATION,
    TOPIC,
    MemberStateLinks,
    member_state_link,
)
from events.api.serializers import EVENT
from operations.api.serializers import OPERATION
from reports.models import LINK_INVERSES, RELATION_INVERSES, LabelSource, LinkKind, RelationKind

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
    language = serializers.CharField(
        help_text="The language of `title` (BCP 47): the one asked for where it has its "
        "title in it, else `en`."
    )
    url = serializers.URLField()


class ReportSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    url = ApiUrl(REPORT[0])
    html_url = HtmlUrl(REPORT[1])
    title = TranslatedText()
    subtitle = TranslatedText()
    also_known_as = OtherNames()
    kind = serializers.CharField(read_only=True)
    symbols = serializers.ListField(
        child=serializers.CharField(),
        source="api_symbols",
        read_only=True,
        help_text="UN document symbols, e.g. A/70/95.",
    )
    published_on = serializers.DateField(read_only=True, allow_null=True)
    authors = Links(*ORGANIZATION, source="api_authors")
    summary = TranslatedText()
    body = TranslatedText()
    languages = TextLanguages("title", "subtitle", "summary", "body")
    source_url = serializers.CharField(read_only=True)
    topics = Links(*TOPIC, source="api_topics")
    member_states = MemberStateLinks(*MEMBER_STATE, source="api_member_states")
    events = Links(*EVENT, source="api_events")
    operations = Links(*OPERATION, source="api_operations")
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
                "download_url": request.build_absolute_uri(
                    reverse("reports:document", args=[report.slug, document["language"]])
                )
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
    id = serializers.IntegerField(read_only=True)
    status = serializers.CharField(
        source="implementation_status",
        read_only=True,
        help_text="The platform's assessment of what the source shows, not the source's "
        "words: not_started, in_progress, partial, implemented, superseded, no_longer_relevant.",
    )
    dated = serializers.DateField(read_only=True, help_text="When the source says so.")
    summary = serializers.CharField(
        read_only=True, help_text="What the source shows, in the platform's words."
    )
    quote = serializers.CharField(
        read_only=True, help_text="The source's own words, quoted exactly; empty when none."
    )
    source_report = Link(*REPORT, name_attr="title", allow_null=True)
    source_event = Link(*EVENT, name_attr="title", allow_null=True)
    source_url = serializers.CharField(read_only=True)
    published_at = serializers.DateTimeField(
        source="publish_at", read_only=True, help_text="When the update became public."
    )
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class LinkedRecommendationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()
    label_source = serializers.ChoiceField(choices=LabelSource.choices)
    title = serializers.CharField()
    language = serializers.CharField(
        help_text="The language of `title` (BCP 47): the one asked for where it has its "
        "title in it, else `en`."
    )
    url = serializers.URLField()
    html_url = serializers.URLField()
    report = serializers.DictField(
        help_text="slug, name, language, url and html_url of its report."
    )


class RecommendationLinkSerializer(serializers.Serializer):
    relation = serializers.ChoiceField(
        choices=[*LinkKind.values, "discussed_at", "cited_by"],
        help_text="responds_to, reaffirms, supersedes (to another recommendation), "
        "discussed_at (an event), cited_by (a report).",
    )
    direction = serializers.ChoiceField(
        choices=["outgoing", "incoming"],
        help_text="outgoing: this recommendation <relation> the other; incoming: the other "
        "<relation> this one.",
    )
    label = serializers.CharField(help_text="As the site reads it: “responded to by”.")
    recommendation = LinkedRecommendationSerializer(required=False)
    event = serializers.DictField(required=False)
    report = serializers.DictField(required=False)


class RecommendationSerializer(ItemSerializer):
    id = serializers.IntegerField(read_only=True)
    slug = serializers.SlugField(
        read_only=True, help_text="Its address under the report; unique within the report."
    )
    url = ApiUrl("api:recommendation-detail", key="pk")
    html_url = serializers.SerializerMethodField(help_text="Its permalink page on the site.")
    report = Link(*REPORT, name_attr="title")
    label = serializers.CharField(
        read_only=True,
        help_text="The report's own reference as printed, or a label of ours: see label_source.",
    )
    label_source = serializers.ChoiceField(
        choices=LabelSource.choices,
        read_only=True,
        help_text="Whose the label is: `document` (the report's own reference, as printed) "
        "or `ours` (a label the platform gave a recommendation the report does not number).",
    )
    order = serializers.IntegerField(read_only=True)
    title = TranslatedText()
    text = TranslatedText()
    languages = TextLanguages("title", "text")
    topics = Link(*TOPIC, many=True)
    responsible_organizations = Link(*ORGANIZATION, many=True)
    responsible_member_states = member_state_link(many=True)
    events = Link(*EVENT, name_attr="title", many=True, help_text="Events that discussed it.")
    cited_by = Link(*REPORT, name_attr="title", many=True, help_text="Reports that cite it.")
    operations = Link(
        *OPERATION,
        name_attr="acronym",
        many=True,
        help_text="The peace operations it is addressed to or is about.",
    )
    links = serializers.SerializerMethodField()
    current_status = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="The latest public update's status; null if none (read: not started).",
    )
    current_status_on = serializers.DateField(read_only=True, allow_null=True)
    updates = UpdateSerializer(many=True, read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def get_html_url(self, recommendation) -> str:
        return self.context["request"].build_absolute_uri(recommendation.get_absolute_url())

    def linked(self, other) -> dict:
        request = self.context["request"]
        title, report_title = localized(other, "title"), localized(other.report, "title")
        report = {
            "slug": other.report.slug,
            "name": str(report_title),
            "language": hreflang(report_title.language),
        }
        return {
            "id": other.pk,
            "label": other.label,
            "label_source": other.label_source,
            "title": str(title),
            "language": hreflang(title.language),
            "url": address(request, "api:recommendation-detail", other.pk, kwarg="pk"),
            "html_url": request.build_absolute_uri(other.get_absolute_url()),
            "report": link_to(request, report, *REPORT),
        }

    @extend_schema_field(RecommendationLinkSerializer(many=True))
    def get_links(self, recommendation):
        """Every typed link, both ways, as one list."""
        request = self.context["request"]
        links = [
            {
                "relation": link.kind,
                "direction": "outgoing",
                "label": str(LinkKind(link.kind).label),
                "recommendation": self.linked(link.target),
            }
            for link in recommendation.links_out.all()
        ]
        links += [
            {
                "relation": link.kind,
                "direction": "incoming",
                "label": str(LINK_INVERSES[link.kind]),
                "recommendation": self.linked(link.source),
            }
            for link in recommendation.links_in.all()
        ]
        links += [
            {
                "relation": "discussed_at",
                "direction": "outgoing",
                "label": gettext("discussed at"),
                "event": link_to(request, e, *EVENT, "title"),
            }
            for e in recommendation.events.all()
        ]
        links += [
            {
                "relation": "cited_by",
                "direction": "incoming",
                "label": gettext("cited by"),
                "report": link_to(request, r, *REPORT, "title"),
            }
            for r in recommendation.cited_by.all()
        ]
        return links
