from django.db.models import Prefetch, TextField, Value
from django.db.models.functions import Concat
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from directory.filtering import filtered_or_400, paginate
from directory.models import MemberState, Organization, Topic
from directory.search import headline, websearch
from events.models import Event
from reports import citations
from reports.filters import ReportFilter
from reports.models import (
    DocumentSymbol,
    RecommendationUpdate,
    Report,
    ReportDocument,
    ReportRelation,
)


def report_list_queryset():
    return Report.objects.published().for_listing()


@require_safe
def report_list(request):
    filterset = ReportFilter(request.GET, queryset=report_list_queryset())
    filtered_or_400(filterset)
    results = filterset.results()
    reports = results.queryset
    query = filterset.form.cleaned_data.get("q")
    if query:
        # Computed for the page's rows only: PostgreSQL evaluates it after the LIMIT.
        reports = reports.annotate(
            snippet=headline(
                Concat("summary", Value(" "), "body", output_field=TextField()), websearch(query)
            )
        )
    page = paginate(request, reports, count=results.page_cap)
    return render(
        request,
        "reports/report_list.html",
        {
            "filterset": filterset,
            "page": page,
            "reports": page.object_list,
            "results": results,
            "total": results.total if results.approximate else page.paginator.count,
            "facets": results.facets,
            "query": query or "",
        },
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
            queryset=RecommendationUpdate.objects.select_related(
                "source_report", "source_event"
            ).order_by("-dated", "-id"),
        ),
        Prefetch("recommendations__topics", queryset=Topic.objects.published()),
    )


@require_safe
def report_detail(request, slug, *, queryset=None):
    """``queryset`` is only ever given by the preview view (peaceplatform/views.py)."""
    report = get_object_or_404(report_detail_queryset(queryset), slug=slug)
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
        "name": report.title,
        "url": request.build_absolute_uri(report.get_absolute_url()),
        "description": report.summary,
        "author": [{"@type": "Organization", "name": a.name} for a in report.authors.all()],
        "about": [topic.name for topic in report.topics.all()],
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
