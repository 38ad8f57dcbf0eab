import logging

from django.core.exceptions import BadRequest
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from directory.models import Topic
from events.models import Event
from reports.models import Report

logger = logging.getLogger(__name__)

HOME_REPORTS = 6
HOME_EVENTS = 6


@require_safe
def home(request):
    today = timezone.localdate()
    reports = (
        Report.objects.published()
        .newest_first()
        .prefetch_related("symbols", "authors")[:HOME_REPORTS]
    )
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
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def bad_request(request, exception=None):
    """400 with the reason: our BadRequest messages say how to fix the request."""
    # Only our own BadRequest messages are shown: a SuspiciousOperation's text can echo
    # request headers back to whoever sent them.
    if isinstance(exception, BadRequest) and str(exception):
        message = str(exception)
    else:
        message = "The request could not be understood."
    return render(request, "400.html", {"message": message}, status=400)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


@never_cache
@require_safe
def healthz(request):
    """The process is alive. Says nothing about the database, on purpose: a load
    balancer must not restart healthy app servers because PostgreSQL is down."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Ready to serve: every configured database answers a query."""
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as error:  # any failure to answer means not ready
            logger.warning("readyz: database %s unreachable: %s", alias, error)
            return JsonResponse(
                {"status": "unavailable", "reason": f"database '{alias}' is unreachable"},
                status=503,
                headers={"Retry-After": "30"},
            )
    return JsonResponse({"status": "ok"})
