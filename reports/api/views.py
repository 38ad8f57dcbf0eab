from django.db.models import F, Prefetch
from django.http import HttpResponse, JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action

from directory.api.errors import ParameterError
from directory.api.listing import Key, Ordering, single
from directory.api.views import BY_UPDATE
from directory.api.viewsets import CatalogueViewSet
from directory.models import MemberState, Organization, Topic
from events.models import Event
from reports import citations
from reports.api.serializers import RecommendationSerializer, ReportSerializer
from reports.filters import RecommendationFilter, ReportFilter
from reports.models import (
    DocumentSymbol,
    Recommendation,
    RecommendationUpdate,
    Report,
    ReportDocument,
    ReportRelation,
)

CITATION_STYLES = {
    "csl-json": "application/vnd.citationstyles.csl+json",
    "bibtex": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
}


class ReportApiFilter(ReportFilter):
    sort = None  # the pages' `sort`; the API says `ordering`


def published_reports():
    published = Report.objects.published()
    return published.prefetch_related(
        Prefetch("symbols", queryset=DocumentSymbol.objects.order_by("order", "symbol")),
        Prefetch("authors", queryset=Organization.objects.published()),
        Prefetch("topics", queryset=Topic.objects.published()),
        Prefetch("member_states", queryset=MemberState.objects.order_by("name")),
        Prefetch("events", queryset=Event.objects.published().order_by("-starts_on")),
        Prefetch("documents", queryset=ReportDocument.objects.order_by("language")),
        Prefetch(
            "relations_out",
            queryset=ReportRelation.objects.filter(target__in=published).select_related("target"),
        ),
        Prefetch(
            "relations_in",
            queryset=ReportRelation.objects.filter(source__in=published).select_related("source"),
        ),
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.only("id", "report_id", "label", "title", "order"),
        ),
    )


class ReportViewSet(CatalogueViewSet):
    """UN reports, panel reports, resolutions, declarations, policy papers and meeting
    notes, with their symbols, documents, links and recommendations."""

    serializer_class = ReportSerializer
    filterset_class = ReportApiFilter
    orderings = (
        Ordering(
            "-published",
            (
                Key("published_on", descending=True, nullable=True),
                Key("pk", descending=True),
            ),
            "Newest first (undated last). The default without q.",
        ),
        Ordering(
            "published",
            (Key("published_on", nullable=True), Key("pk")),
            "Oldest first (undated last).",
        ),
        Ordering("title", (Key("title"), Key("pk")), "Title A to Z."),
        Ordering(
            "-title", (Key("title", descending=True), Key("pk", descending=True)), "Title Z to A."
        ),
        *BY_UPDATE,
    )
    default_ordering = "-published"
    relevance = ("-symbol_hit", "-rank", F("published_on").desc(nulls_last=True), "-pk")

    def list_queryset(self):
        return published_reports()

    @extend_schema(
        summary="A report's citation",
        parameters=[
            OpenApiParameter(
                "style",
                OpenApiTypes.STR,
                enum=list(CITATION_STYLES),
                default="csl-json",
                description="csl-json (Zotero, citeproc), bibtex or ris (EndNote, Mendeley).",
            )
        ],
        responses={
            # CSL-JSON is a list of items, as citation processors read it.
            (200, CITATION_STYLES["csl-json"]): {"type": "array", "items": {"type": "object"}},
            (200, CITATION_STYLES["bibtex"]): OpenApiTypes.STR,
            (200, CITATION_STYLES["ris"]): OpenApiTypes.STR,
        },
    )
    @action(detail=True, url_path="citation", filter_backends=[], pagination_class=None)
    def citation(self, request, slug=None):
        problems = {}
        self.check_unknown(request, {"style"}, problems)
        style = single(request, "style", problems) or "csl-json"
        if style not in CITATION_STYLES and "style" not in problems:
            problems["style"] = f"style must be one of {', '.join(CITATION_STYLES)}."
        if problems:
            raise ParameterError(problems)
        report = self.get_object()
        content_type = CITATION_STYLES[style]
        if style == "csl-json":
            return JsonResponse(
                [citations.csl_json(report, request)], safe=False, content_type=content_type
            )
        text = (citations.bibtex if style == "bibtex" else citations.ris)(report, request)
        return HttpResponse(text, content_type=f"{content_type}; charset=utf-8")


class RecommendationViewSet(CatalogueViewSet):
    """Every recommendation of a published report, with its implementation record:
    dated status updates, each with its source. The current status is the latest."""

    lookup_field = "pk"
    serializer_class = RecommendationSerializer
    filterset_class = RecommendationFilter
    orderings = (
        Ordering(
            "report",
            (Key("report_id"), Key("order"), Key("pk")),
            "Grouped by report, in each report's own order.",
        ),
        *BY_UPDATE,
    )
    default_ordering = "report"

    def list_queryset(self):
        return (
            Recommendation.objects.published()
            .with_current_status()
            .select_related("report")
            .prefetch_related(
                Prefetch("topics", queryset=Topic.objects.published()),
                Prefetch("events", queryset=Event.objects.published()),
                Prefetch(
                    "updates",
                    queryset=RecommendationUpdate.objects.select_related(
                        "source_report", "source_event"
                    ).order_by("-dated", "-id"),
                ),
            )
        )
