import functools

from django.db.models import F
from django.db.models.expressions import RawSQL
from django.http import HttpResponse, JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action

from core.api.errors import ParameterError
from core.api.listing import Key, Ordering, single
from core.api.viewsets import CatalogueViewSet
from core.publishing.status import public_sql
from core.translations import LANGUAGE_CODES, SOURCE_LANGUAGE, active_language, column, hreflang
from directory.api.views import BY_UPDATE
from reports import citations
from reports.api.serializers import RecommendationSerializer, ReportSerializer
from reports.filters import RecommendationFilter, ReportFilter
from reports.models import (
    SEARCH_COLUMNS,
    SYMBOLS_SQL,
    Recommendation,
    Report,
)

CITATION_STYLES = {
    "csl-json": "application/vnd.citationstyles.csl+json",
    "bibtex": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
}


class ReportApiFilter(ReportFilter):
    sort = None  # the pages' `sort`; the API says `ordering`


class RecommendationApiFilter(RecommendationFilter):
    sort = None


@functools.cache
def annotated_reports(language: str = SOURCE_LANGUAGE):
    """Built once per process and language and cloned per request: resolving nine
    subqueries again for every request cost more than running them."""
    return published_reports(language)


def published_reports(language: str = SOURCE_LANGUAGE):
    """Each report with everything it links to, in ONE query: every relation is a JSON
    array built by a subquery per row, which PostgreSQL evaluates only for the rows
    returned. Prefetching the same took nine queries and a related manager per relation
    per row in Python (three quarters of a list's time); the ORM's ArraySubquery and
    JSONObject spelling of these subqueries cost more to compile than they take to run.
    The SQL is constant for a language: nothing from the request goes into it."""
    return (
        Report.objects.published()
        .defer(*SEARCH_COLUMNS)
        .annotate(**{name: RawSQL(sql, ()) for name, sql in relation_sql(language).items()})  # noqa: S611
    )


def named(
    field: str, language: str, alias: str = "o", key: str = "name", translated: bool = True
) -> str:
    """The JSON pairs naming a linked row: `key`, its field in `language` (the English
    where it has no translation, as core.translations.localized reads a row), and
    `language`, the BCP 47 tag of the text given. A field without translation columns
    (`translated=False`: a member state's short name, an operation's acronym) is named
    in English."""
    english = f"{alias}.{field}"
    if not translated or language not in LANGUAGE_CODES:
        return f"'{key}', {english}, 'language', 'en'"
    translation = f"{alias}.{column(field, language)}"
    return (
        f"'{key}', COALESCE(NULLIF({translation}, ''), {english}), "
        f"'language', CASE WHEN {translation} <> '' THEN '{hreflang(language)}' ELSE 'en' END"
    )


def _links(table, through, through_fk, other_fk, name, order="o.name", extra="", also=()):
    also_sql = "".join(f", '{field}', o.{field}" for field in also)
    return (
        f"ARRAY(SELECT json_build_object('slug', o.slug, {name}{also_sql}) "  # noqa: S608
        f"FROM {table} o "
        f"JOIN {through} t ON t.{other_fk} = o.id WHERE t.{through_fk} = reports_report.id "
        f"{extra} ORDER BY {order})"
    )


PUBLISHED = f"AND {public_sql('o')}"


def relation_sql(language: str) -> dict[str, str]:
    """The SQL of each relation's JSON array, its names in `language` where the linked
    rows have them (organizations', topics', events', reports' and recommendations'
    titles; member states and operations are named as the UN writes them). `language`
    is one of settings.LANGUAGES, never the request's text."""
    report_title = named("title", language)
    return {
        "api_symbols": SYMBOLS_SQL,
        "api_authors": _links(
            "directory_organization", "reports_report_authors", "report_id", "organization_id",
            name=named("name", language), extra=PUBLISHED,
        ),
        "api_topics": _links(
            "directory_topic", "reports_report_topics", "report_id", "topic_id",
            name=named("name", language), extra=PUBLISHED,
        ),
        "api_member_states": _links(
            "directory_memberstate", "reports_report_member_states", "report_id",
            "memberstate_id", name=named("short_name", language, translated=False), also=("iso3",),
        ),
        "api_events": _links(
            "events_event", "reports_report_events", "report_id", "event_id",
            name=named("title", language), order="o.starts_on DESC, o.id", extra=PUBLISHED,
        ),
        "api_operations": _links(
            "operations_operation", "reports_report_operations", "report_id", "operation_id",
            name=named("acronym", language, translated=False), order="o.started_on, o.id",
            extra=PUBLISHED,
        ),
        "api_documents": (
            "ARRAY(SELECT json_build_object('language', d.language, 'file', d.file, "
            "'source_url', d.source_url, 'size_bytes', d.size_bytes) FROM reports_reportdocument d "
            "WHERE d.report_id = reports_report.id ORDER BY d.language)"
        ),
        "api_relations_out": (
            "ARRAY(SELECT json_build_object('kind', r.kind, 'slug', o.slug, "  # noqa: S608
            f"{report_title}) "
            "FROM reports_reportrelation r JOIN reports_report o ON o.id = r.target_id "
            f"WHERE r.source_id = reports_report.id {PUBLISHED} ORDER BY r.kind, o.title)"
        ),
        "api_relations_in": (
            "ARRAY(SELECT json_build_object('kind', r.kind, 'slug', o.slug, "  # noqa: S608
            f"{report_title}) "
            "FROM reports_reportrelation r JOIN reports_report o ON o.id = r.source_id "
            f"WHERE r.target_id = reports_report.id {PUBLISHED} ORDER BY r.kind, o.title)"
        ),
        "api_recommendations": (
            "ARRAY(SELECT json_build_object('id', c.id, 'label', c.label, "  # noqa: S608
            f"{named('title', language, 'c', key='title')}) "
            "FROM reports_recommendation c WHERE c.report_id = reports_report.id "
            'ORDER BY c."order", c.label)'
        ),
    }  # fmt: skip


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
        return annotated_reports(active_language()).all()

    def detail_queryset(self):
        if self.action == "citation":
            return Report.objects.published().for_citation()
        return self.list_queryset()

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
        self.check_unknown(request, {"style", "lang"}, problems)
        # Absent, CSL-JSON; given blank, a value the schema's enum refuses, like any other.
        style = single(request, "style", problems)
        style = "csl-json" if style is None else style
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
    filterset_class = RecommendationApiFilter
    orderings = (
        Ordering(
            "report",
            (Key("report_id"), Key("order"), Key("pk")),
            "Grouped by report, in each report's own order.",
        ),
        *BY_UPDATE,
    )
    default_ordering = "report"

    relevance = ("-rank", "report_id", "order", "pk")

    def list_queryset(self):
        return (
            Recommendation.objects.published()
            .with_current_status()
            .with_links()
            .select_related("report")
        )
