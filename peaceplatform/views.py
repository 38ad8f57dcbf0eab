import logging

from django.db import connections
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from events.models import Event
from reports.models import Report

logger = logging.getLogger(__name__)

HOME_REPORTS = 6
HOME_EVENTS = 6


@require_safe
def home(request):
    today = timezone.localdate()
    reports = (
        Report.objects.published().latest().prefetch_related("symbols", "authors")[:HOME_REPORTS]
    )
    events = Event.objects.published().select_related("series").latest()
    return render(
        request,
        "peaceplatform/home.html",
        {
            "reports": reports,
            "upcoming_events": events.upcoming(today)[:HOME_EVENTS],
            "past_events": events.past(today)[:HOME_EVENTS],
        },
    )


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
