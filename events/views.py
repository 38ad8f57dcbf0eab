from itertools import groupby

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.listing.filtersets import filter_chips, usable_part
from core.translations import hreflang, localized
from core.vocabulary import list_suggestion
from directory.models import Topic
from events.filters import EventFilter
from events.models import HOSTING_ROLES, ROLE_HEADINGS, Event, Level, Participation, Role

UPCOMING_SHOWN = 20


@require_safe
def event_list(request):
    filterset, filter_errors = usable_part(
        EventFilter(request.GET, queryset=Event.objects.published().for_listing())
    )
    results = filterset.results()
    today = timezone.localdate()
    searching = bool(filterset.form.cleaned_data.get("q"))
    if searching:  # every match, best first
        upcoming, listed = [], results.ordered("-rank", "-starts_on")
    else:  # what is coming, then what was, newest first
        upcoming = list(results.queryset.upcoming(today)[:UPCOMING_SHOWN])
        # Every upcoming match shown: the past ones are the rest, with no count.
        past = results.total - len(upcoming) if len(upcoming) < UPCOMING_SHOWN else None
        listed = results.narrowed(lambda events: events.past(today), total=past)
    page = listed.page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {
            "filterset": filterset,
            "upcoming": upcoming,
            "page": page,
            "events": page.object_list,
            "results": results,
            "facets": results.facets,
            **filter_chips(filterset, {"q"}, results.facets),
            "searching": searching,
            "filter_errors": filter_errors,
            "suggestion": list_suggestion(filterset, results),
        },
        status=400 if filter_errors else 200,
    )


ROLE_ORDER = {role: index for index, role in enumerate(Role.values)}
LEVEL_ORDER = {level: index for index, level in enumerate(Level.values)}


def group_participants(participations):
    """[(role label, [(level label, [participation, ...]), ...]), ...] in a stable order."""
    ordered = sorted(
        participations,
        key=lambda p: (ROLE_ORDER[p.role], LEVEL_ORDER.get(p.level, 99), p.order, p.pk),
    )
    grouped = []
    for role, by_role in groupby(ordered, key=lambda p: p.role):
        levels = [
            (Level(level).label if level else "", list(items))
            for level, items in groupby(by_role, key=lambda p: p.level)
        ]
        grouped.append((ROLE_HEADINGS[role], levels))
    return grouped


@require_safe
def event_detail(request, slug, *, queryset=None):
    """``queryset`` is only ever given by the preview view (peaceplatform/views.py)."""
    event = get_object_or_404(
        (Event.objects.published() if queryset is None else queryset)
        .select_related("series", "country")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.published()),
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related(
                    "person", "member_state", "organization"
                ),
            ),
        ),
        slug=slug,
    )
    participations = list(event.participations.all())
    states = sorted(
        {p.member_state for p in participations if p.member_state}, key=lambda s: s.name
    )
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "hosts": event.hosts,
            "groups": group_participants(participations),
            "member_states": states,
            # The reverse manager carries Report's own QuerySet: no import of reports here.
            "reports": event.reports.published().newest_first(),
            "event_jsonld": event_jsonld(event, request, participations),
        },
    )


def event_jsonld(event, request, participations) -> dict:
    """schema.org/Event with its place and organizers."""
    organizers = [
        {"@type": "Organization", "name": localized(p.organization, "name")}
        for p in participations
        if p.role in HOSTING_ROLES and p.organization and p.organization.is_published
    ]
    organizers += [
        {"@type": "Country", "name": p.member_state.name}
        for p in participations
        if p.role in HOSTING_ROLES and p.member_state
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": localized(event, "title"),
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "description": localized(event, "summary"),
        "inLanguage": hreflang(localized(event, "title").language),
        "startDate": event.starts_on.isoformat(),
        "endDate": (event.ends_on or event.starts_on).isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": organizers,
        "location": {
            "@type": "Place",
            "name": event.venue or event.city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": event.city,
                "addressCountry": event.country.iso2 if event.country else "",
            },
        },
    }
    return data
