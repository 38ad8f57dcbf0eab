from django.apps import apps
from django.conf import settings
from django.core import signing
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from core.listing.filtersets import filter_chips, usable_part
from core.listing.pagination import in_order_of
from core.listing.results import PageReader
from core.publishing import preview as previews
from core.publishing.status import public_condition
from core.search import headline, id_literal, rows_by_id, websearch
from core.translations import hreflang, localized
from core.vocabulary import list_suggestion
from directory.models import MemberState, Organization, Topic
from events.models import Event
from reports import citations, tracker
from reports.filters import RecommendationFilter, ReportFilter
from reports.models import (
    SNIPPET_SOURCE,
    DocumentSymbol,
    Language,
    Recommendation,
    RecommendationUpdate,
    Report,
    ReportDocument,
    ReportRelation,
)


def renamed_report_or_404(slug):
    """A published report that once had this address (from its history), for a
    permanent redirect: links to a report, and to its recommendations, outlive a
    change of its slug. Only asked when no published report has the slug now."""
    ReportEvent = apps.get_model("reports", "ReportEvent")
    former = (
        ReportEvent.objects.filter(slug=slug)
        .order_by("-pgh_id")
        .values_list("pgh_obj_id", flat=True)
        .first()
    )
    report = (
        Report.objects.published().exclude(slug=slug).filter(pk=former).first() if former else None
    )
    if report is None:
        raise Http404("No published report has this address.")
    return report


def report_list_queryset():
    return Report.objects.published().for_listing()


def with_snippets(rows, query: str):
    # Computed for the page's rows only: PostgreSQL evaluates it after the LIMIT.
    return rows.annotate(snippet=headline(SNIPPET_SOURCE, websearch(query)))


# A relevance search's page: twenty ranked rows looked up by id, in a query of the same
# shape whatever the words, compiled once (core/compiled.py).
RANKED_PAGE = rows_by_id(Report, report_list_queryset, SNIPPET_SOURCE)


class SnippetReader(PageReader):
    """A page of reports with, when searching, the passage that matched each."""

    def __init__(self, query: str):
        super().__init__()
        self.query = query

    def rows(self, queryset):
        return with_snippets(queryset, self.query) if self.query else queryset

    def by_id(self, ids):
        return in_order_of(ids, RANKED_PAGE.raw(query=self.query, ids=id_literal(ids)))


# The inputs of the report list's form besides its facets' checkboxes.
REPORT_LIST_CONTROLS = {"q", "sort", "published_after", "published_before"}


@require_safe
def report_list(request):
    filterset, filter_errors = usable_part(
        ReportFilter(request.GET, queryset=report_list_queryset())
    )
    results = filterset.results()
    query = filterset.form.cleaned_data.get("q")
    page = results.page(request.GET.get("page"), reader=SnippetReader(query))
    return render(
        request,
        "reports/report_list.html",
        {
            "filterset": filterset,
            "page": page,
            "reports": page.object_list,
            "results": results,
            "facets": results.facets,
            **filter_chips(filterset, REPORT_LIST_CONTROLS, results.facets),
            "query": query or "",
            "filter_errors": filter_errors,
            "suggestion": list_suggestion(filterset, results),
        },
        status=400 if filter_errors else 200,
    )


def report_detail_queryset(base=None):
    published = Report.objects.published()
    return (published if base is None else base).prefetch_related(
        Prefetch("symbols", queryset=DocumentSymbol.objects.order_by("order", "symbol")),
        Prefetch("authors", queryset=Organization.objects.published().select_related("parent")),
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
            "recommendations__updates",
            queryset=RecommendationUpdate.objects.filter(public_condition())
            .select_related("source_report", "source_event")
            .order_by("-dated", "-id"),
        ),
        Prefetch("recommendations__topics", queryset=Topic.objects.published()),
    )


# Who reads a report's documents: anyone once the report is public; before that staff
# past the admin's door and holders of the report's preview link.
DOCUMENT_POLICY = "default-src 'none'; sandbox"


@require_safe
def report_document(request, slug, language):
    """A report's uploaded PDF, checked against the report's publication on every
    request: a link once given out for a draft, a withdrawn or a deleted report leads
    nowhere. nginx sends the bytes (X-Accel-Redirect to its internal /media/) when
    DJANGO_DOCUMENTS_ACCEL_REDIRECT says where; otherwise Django streams the file."""
    if language not in Language.values:  # before the database sees it (a NUL, say)
        raise Http404("Documents are in English, French, Spanish, Russian, Chinese or Arabic.")
    documents = ReportDocument.objects.select_related("report").filter(
        report__slug=slug, language=language
    )
    document = documents.filter(public_condition("report__")).first()
    public = document is not None
    if not public:
        document = documents.first()
        if document is None or not (
            # Set by peaceplatform.staff.StaffSessionMiddleware, as request.user is.
            getattr(request, "staff_access", False) or preview_allows(request, document.report_id)
        ):
            raise Http404("No published report has this document.")
    if not document.file:
        raise Http404("This document has no uploaded file; see the report's official copy.")
    if settings.DOCUMENTS_ACCEL_REDIRECT:
        response = HttpResponse(content_type="application/pdf")
        response["X-Accel-Redirect"] = settings.DOCUMENTS_ACCEL_REDIRECT + document.file.name
    else:
        try:
            handle = document.file.open("rb")
        except FileNotFoundError:
            raise Http404("The file of this document is missing.") from None
        response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"{document.report.slug}-{document.language}.pdf"
    )
    response["Content-Security-Policy"] = DOCUMENT_POLICY
    if public:
        # Short, so that a withdrawn report's file leaves shared caches soon after.
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_SECONDS)
    else:
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def preview_allows(request, report_id) -> bool:
    """A valid preview link of this very report, carried as ?preview=<token>."""
    token = request.GET.get("preview", "")
    if not token:
        return False
    try:
        label, pk = previews.read(token)
    except (signing.BadSignature, previews.PreviewExpired):
        return False
    return label == "reports.report" and pk == report_id


@require_safe
def report_detail(request, slug, *, queryset=None):
    """``queryset`` is only ever given by the preview view (peaceplatform/views.py)."""
    report = report_detail_queryset(queryset).filter(slug=slug).first()
    if report is None:
        if queryset is not None:
            raise Http404("No such report.")
        return redirect(renamed_report_or_404(slug), permanent=True)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "citation": citations.plain_text(report, request),
            "report_jsonld": report_jsonld(report, request),
        },
    )


def report_jsonld(report, request) -> dict:
    """schema.org/Report, for search engines and citation managers."""
    data = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": localized(report, "title"),
        "url": request.build_absolute_uri(report.get_absolute_url()),
        "description": localized(report, "summary"),
        "inLanguage": hreflang(localized(report, "title").language),
        "author": [
            {"@type": "Organization", "name": localized(a, "name")} for a in report.authors.all()
        ],
        "about": [localized(topic, "name") for topic in report.topics.all()],
    }
    symbols = [symbol.symbol for symbol in report.symbols.all()]
    if symbols:
        data["reportNumber"] = " – ".join(symbols)
    if report.published_on:
        data["datePublished"] = report.published_on.isoformat()
    return data


@require_safe
def report_citation(request, slug, fmt):
    report = get_object_or_404(Report.objects.published().for_citation(), slug=slug)
    if fmt == "bib":
        body, content_type = citations.bibtex(report, request), "application/x-bibtex"
    else:
        body, content_type = citations.ris(report, request), "application/x-research-info-systems"
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.slug}.{fmt}"'
    return response


# The recommendation tracker -----------------------------------------------------


def tracked_recommendations():
    return (
        Recommendation.objects.published()
        .with_current_status()
        .select_related("report")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.published()))
    )


def tracker_page(request, *, base, scope: str | None, template: str, context: dict):
    """A tracker: recommendations with their current status, search, facets, the
    progress charts and pagination. ``scope`` names the filter the page itself
    fixes (its report, topic or member state), whose facet it does not show."""
    filterset, filter_errors = usable_part(RecommendationFilter(request.GET, queryset=base))
    results = filterset.results()
    page = results.page(request.GET.get("page"))
    shown = [facet for facet in results.facets if facet["name"] != scope]
    return render(
        request,
        template,
        {
            **context,
            "filterset": filterset,
            "page": page,
            "recommendations": page.object_list,
            "results": results,
            "facets": shown,
            **filter_chips(filterset, {"q", "sort"}, shown),
            "query": filterset.form.cleaned_data.get("q") or "",
            "progress": tracker.progress(filterset.qs),
            "filter_errors": filter_errors,
            "suggestion": list_suggestion(filterset, results),
        },
        status=400 if filter_errors else 200,
    )


@require_safe
def recommendation_list(request):
    return tracker_page(
        request,
        base=tracked_recommendations(),
        scope=None,
        template="reports/recommendation_list.html",
        context={},
    )


@require_safe
def report_tracker(request, slug):
    report = Report.objects.published().filter(slug=slug).first()
    if report is None:
        return redirect("reports:tracker", slug=renamed_report_or_404(slug).slug, permanent=True)
    return tracker_page(
        request,
        base=tracked_recommendations().filter(report=report),
        scope="report",
        template="reports/recommendation_list.html",
        context={"report": report},
    )


@require_safe
def topic_tracker(request, slug):
    topic = get_object_or_404(Topic.objects.published(), slug=slug)
    return tracker_page(
        request,
        base=tracked_recommendations().filter(
            pk__in=Recommendation.topics.through.objects.filter(topic=topic).values(
                "recommendation_id"
            )
        ),
        scope="topic",
        template="reports/recommendation_list.html",
        context={"topic": topic},
    )


@require_safe
def member_state_tracker(request, slug):
    state = get_object_or_404(MemberState, slug=slug)
    addressed = Recommendation.responsible_member_states.through.objects.filter(
        memberstate=state
    ).values("recommendation_id")
    # Where it discussed them: published events that discussed one of these
    # recommendations and at which the state took part.
    discussed_at = (
        Event.objects.published()
        .filter(
            pk__in=Recommendation.events.through.objects.filter(
                recommendation__in=Recommendation.objects.published().filter(pk__in=addressed)
            ).values("event_id")
        )
        .filter(pk__in=state.participations.values("event_id"))
        .order_by("-starts_on")
    )
    return tracker_page(
        request,
        base=tracked_recommendations().filter(pk__in=addressed),
        scope="member_state",
        template="reports/recommendation_list.html",
        context={"state": state, "discussed_at": discussed_at},
    )


def recommendation_detail_queryset():
    return (
        Recommendation.objects.published()
        .with_current_status()
        .with_links()
        .select_related("report")
        .prefetch_related(
            Prefetch("report__symbols", queryset=DocumentSymbol.objects.order_by("order"))
        )
    )


@require_safe
def recommendation_detail(request, slug, label):
    recommendation = recommendation_detail_queryset().filter(report__slug=slug, slug=label).first()
    if recommendation is None:
        if not Report.objects.published().filter(slug=slug).exists():
            report = renamed_report_or_404(slug)
            return redirect("reports:recommendation", slug=report.slug, label=label, permanent=True)
        raise Http404("This report has no recommendation at this address.")
    return render(
        request,
        "reports/recommendation_detail.html",
        {"recommendation": recommendation, "report": recommendation.report},
    )
