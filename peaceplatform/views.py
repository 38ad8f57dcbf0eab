import logging
import sys

from django.apps import apps
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core import signing
from django.core.exceptions import BadRequest, DisallowedHost
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.caching import over_hourly_limit
from core.client import client_address
from core.listing.pagination import PastTheEnd, paginate
from core.publishing import preview as previews
from directory.models import Correction, Page, PageAddress, Topic
from directory.pages import default_page
from directory.views import organization_detail, person_detail, topic_detail
from events.models import Event
from events.views import event_detail
from operations.views import operation_detail
from peaceplatform import jobs
from reports.models import Report
from reports.views import report_detail

logger = logging.getLogger(__name__)

HOME_REPORTS = 6
HOME_EVENTS = 6


@require_safe
def home(request):
    today = timezone.localdate()
    reports = Report.objects.published().for_listing().newest_first()[:HOME_REPORTS]
    events = Event.objects.published().for_listing().newest_first()
    return render(
        request,
        "peaceplatform/home.html",
        {
            "reports": reports,
            "upcoming_events": events.upcoming(today)[:HOME_EVENTS],
            "past_events": events.past(today)[:HOME_EVENTS],
            "topics": Topic.objects.published().filter(parent__isnull=True).order_by("name"),
        },
    )


@require_safe
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page's <link rel="icon">
    says: they are sent to the mark (an SVG, which they all read now)."""
    return HttpResponsePermanentRedirect(static("img/mark.svg"))


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# The examples on the "Using the API" page. tests/api/test_guide.py runs every one
# with curl against a live server, so the page cannot drift from the API.
API_EXAMPLES = [
    (
        "Search reports",
        "Full-text search with the site's syntax; the five most relevant reports.",
        "/api/v1/reports/?q=protection+of+civilians&limit=5",
    ),
    (
        "Filter, order and pick fields",
        "Reports on a topic, newest first, with three fields each.",
        "/api/v1/reports/?topic={topic}&ordering=-published&fields=title,symbols,html_url",
    ),
    (
        "None of these, every one of these, and ranges",
        "Reports on the topic that are not meeting notes, from 2015 to 2016, sorted by date "
        "and then by title: __not leaves out, __all asks for every value given, "
        "year__gte and year__lte bound the years.",
        "/api/v1/reports/?topic__all={topic}&kind__not=meeting_note&year__gte=2015"
        "&year__lte=2016&ordering=-published,title&fields=title,html_url",
    ),
    (
        "Search one part of a report",
        "The words in the title (with its symbols and the names it is known by) only, "
        "not anywhere in the text.",
        "/api/v1/reports/?q=HIPPO&q_fields=title&fields=title,html_url",
    ),
    (
        "Find a document by its symbol",
        "Exact UN document symbols; repeat the parameter for several (OR).",
        "/api/v1/reports/?symbol=A/70/95&symbol=A/70/357",
    ),
    (
        "Counts only, with facets",
        "limit=0 returns the count and the facets, no items.",
        "/api/v1/reports/?facets=topic,year,kind&limit=0",
    ),
    ("One report", "Every item has its own address.", "/api/v1/reports/{report}/"),
    (
        "Who took part",
        "The participations of a member state (ISO 3166 alpha-3) in published events.",
        "/api/v1/participations/?member_state=RWA",
    ),
    (
        "Search everything",
        "Results grouped by type, each with a highlighted snippet.",
        "/api/v1/search/?q=Kigali&limit=3",
    ),
    (
        "Mirror the catalogue",
        "Cursor paging goes as deep as you like at the same speed: start with cursor=* and "
        "follow next until it is null.",
        "/api/v1/reports/?cursor=*&ordering=updated&limit=100",
    ),
    (
        "Incremental sync",
        "Only what changed since your last run, oldest change first: keep the updated_at "
        "of the last item you received and send it as updated_since next time (items "
        "changed at that very moment come again, so store them by id). This never "
        "tells you what was withdrawn or deleted: the changes feed below does.",
        "/api/v1/reports/?updated_since=2015-01-01T00:00:00Z&ordering=updated&cursor=*",
    ),
    (
        "Follow every change, deletions included",
        "Each change to what is public, oldest first: published, updated, withdrawn "
        "(unpublished or archived) or deleted, with the item's address while it is public. "
        "Start from 0, or from the latest a page gives after copying the lists, and follow "
        "next: fetch what was published or updated, drop what was withdrawn or deleted.",
        "/api/v1/changes/?since=0&limit=5",
    ),
    (
        "Harvest with OAI-PMH",
        "For digital libraries and aggregators: the published reports as OAI-PMH 2.0 "
        "records, in Dublin Core (oai_dc) or our richer format (peace: symbols, language "
        "versions, topics), with sets by kind and topic and deleted records.",
        "/oai/?verb=ListRecords&metadataPrefix=oai_dc",
    ),
    (
        "Follow recommendations",
        "A report's recommendations on a topic, each with its current status, typed links "
        "and implementation record, and the count per status.",
        "/api/v1/recommendations/?report={report}&topic={topic}&facets=status",
    ),
    (
        "What we corrected",
        "Our public corrections, newest first, each with the item it corrects: fetch those "
        "items again to keep a mirror right.",
        "/api/v1/corrections/?corrected_since=2026-01-01T00:00:00Z&limit=5",
    ),
    ("CSV export", "Every match of a list, streamed.", "/api/v1/events/?format=csv"),
    (
        "Cite a report",
        "csl-json (the default), bibtex or ris.",
        "/api/v1/reports/{report}/citation/?style=bibtex",
    ),
]


@require_safe
def methodology(request):
    """How statuses are decided: the published page curators write, or, while none is
    published, the text the platform ships (directory/pages/methodology.md)."""
    page = Page.objects.published().filter(slug=PageAddress.METHODOLOGY).first()
    if page is None:
        page = Page(slug=PageAddress.METHODOLOGY, **default_page(PageAddress.METHODOLOGY))
    return render(request, "peaceplatform/page.html", {"page": page})


@require_safe
def corrections(request):
    """Every public correction, newest first, each with the item it corrects."""
    log = Correction.objects.public().with_items()
    return render(request, "peaceplatform/corrections.html", {"page": paginate(request, log)})


@require_safe
def api_guide(request):
    base = request.build_absolute_uri("/").rstrip("/")
    # Examples name a report and a topic that exist here: the demo's when loaded.
    report = example_slug(
        Report.objects.published(), "hippo-report-uniting-our-strengths-for-peace"
    )
    topic = example_slug(Topic.objects.published(), "protection-of-civilians")
    examples = [
        {
            "title": title,
            "text": text,
            "url": base + path.format(report=report, topic=topic),
        }
        for title, text, path in API_EXAMPLES
    ]
    return render(
        request,
        "peaceplatform/api_guide.html",
        {
            "examples": examples,
            "base": base,
            "anonymous_rate": settings.API_ANONYMOUS_RATE,
            "cache_seconds": settings.API_CACHE_SECONDS,
        },
    )


def example_slug(queryset, preferred: str) -> str:
    if queryset.filter(slug=preferred).exists():
        return preferred
    return queryset.order_by("-updated_at").values_list("slug", flat=True).first() or preferred


def bad_request(request, exception=None):
    """400 with the reason: our BadRequest messages say how to fix the request."""
    if isinstance(exception, DisallowedHost):
        # The page template prints links with the request's host, which is the problem:
        # plain text, or rendering it would raise again and answer 500.
        return HttpResponse(
            "This site does not answer to that host name.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    # Only our own BadRequest messages are shown: a SuspiciousOperation's text can echo
    # request headers back to whoever sent them.
    if isinstance(exception, BadRequest) and str(exception):
        message = str(exception)
    else:
        message = "The request could not be understood."
    return render(request, "400.html", {"message": message}, status=400)


DATABASE_DOWN = (OperationalError, InterfaceError)


def server_error(request):
    """500, or 503 when the database cannot be reached: the latter is an outage, not a
    bug, and says when to come back. Neither page touches the database, and the API
    answers in its own JSON error shape."""
    unavailable = isinstance(sys.exc_info()[1], DATABASE_DOWN)
    status = 503 if unavailable else 500
    headers = {"Retry-After": "30"} if unavailable else {}
    if request.path.startswith("/api/"):
        detail = (
            "The catalogue is briefly unavailable; try again in a minute."
            if unavailable
            else "Something went wrong on our side; we have been told."
        )
        return JsonResponse({"detail": detail, "errors": []}, status=status, headers=headers)
    template = "503.html" if unavailable else "500.html"
    return HttpResponse(loader.render_to_string(template), status=status, headers=headers)


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        # Partners' code reads JSON, in the API's error shape, even for unknown addresses.
        return JsonResponse(
            {
                "detail": "There is no API endpoint at this address; see /api/v1/schema/.",
                "errors": [],
            },
            status=404,
        )
    context = {}
    if isinstance(exception, PastTheEnd):
        # A list's page past its end: the page does not exist, but the list does.
        query = request.GET.copy()
        query.setlist("page", [str(exception.last_page)] if exception.last_page > 1 else [])
        context = {
            "past_the_end": exception,
            "last_page_url": f"{request.path}?{query.urlencode()}".rstrip("?"),
        }
    return render(request, "404.html", context, status=404)


@never_cache
@require_safe
def healthz(request):
    """The process is alive. Says nothing about the database, on purpose: a load
    balancer must not restart healthy app servers because PostgreSQL is down."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Ready to serve: the primary answers a query. A replica that does not answer is
    reported but does not make the server unready: public reads then use the primary
    (peaceplatform/db_routing.py), and taking every app server out of the load balancer
    for it would turn a slower site into no site. Also says how many background jobs
    wait and how long the oldest has (peaceplatform/jobs.py)."""
    body = {"status": "ok"}
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as error:  # any failure to answer means not ready
            logger.warning("readyz: database %s unreachable: %s", alias, error)
            if alias != DEFAULT_DB_ALIAS:
                body[alias] = "unreachable: reads use the primary"
                continue
            return JsonResponse(
                {"status": "unavailable", "reason": f"database '{alias}' is unreachable"},
                status=503,
                headers={"Retry-After": "30"},
            )
    # Reported, never a reason to be unready: a web server serves pages whether or
    # not a worker runs; a monitor alerts on the age instead.
    body["jobs"] = jobs.waiting_jobs()
    return JsonResponse(body)


# The public page each previewable kind is shown through (core/publishing/preview.py).
PREVIEW_VIEWS = {
    "reports.report": report_detail,
    "events.event": event_detail,
    "directory.person": person_detail,
    "directory.organization": organization_detail,
    "directory.topic": topic_detail,
    "operations.operation": operation_detail,
}


@require_safe
def preview(request, token):
    """A draft through its own public view, whatever its status: to anyone holding a
    valid signed link. Never cached, never indexed, and marked as a preview."""
    try:
        label, pk = previews.read(token)
    except previews.PreviewExpired:
        response = render(request, "preview_expired.html", status=410)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    except signing.BadSignature:
        raise Http404("No such preview.") from None
    model = apps.get_model(label)
    obj = get_object_or_404(model._default_manager.only("slug", "status", "publish_at"), pk=pk)
    request.preview = obj  # base.html shows the preview banner
    request.preview_token = token  # the report's documents open with the same link
    response = PREVIEW_VIEWS[label](request, slug=obj.slug, queryset=model._default_manager.all())
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, with a ceiling on the mail it sends: at most
    PASSWORD_RESET_LIMIT requests an hour per client address and per e-mail address.
    Past it the visitor sees the same "sent" page (no hint either way) and no mail goes
    out, so the form cannot be used to flood a colleague's inbox."""

    def get_context_data(self, **kwargs):
        from django.contrib import admin

        return super().get_context_data(**kwargs) | {"site_header": admin.site.site_header}

    def form_valid(self, form):
        address = client_address(self.request)
        email = form.cleaned_data["email"].strip().lower()
        # `|`, not `or`: both counters count every request.
        if over_reset_limit(f"addr:{address}") | over_reset_limit(f"mail:{email}"):
            logger.warning("password reset throttled", extra={"client": address})
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


def over_reset_limit(who: str) -> bool:
    return over_hourly_limit("password-reset", who, settings.PASSWORD_RESET_LIMIT)
