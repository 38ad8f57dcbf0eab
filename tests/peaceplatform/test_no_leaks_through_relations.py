"""Nothing unpublished shows through a published object.

For each kind of thing a published page can show of another (an event's series, an
organization's parent, the people who took part and their posts, topics, a report's
recommendations, symbols and documents, implementation updates), every row of that
kind is made unpublished in turn, its text replaced by a marker; then every public
route, every published object's page and API item, the feeds and the sitemap are
read, and the marker must appear in none of them.
"""

import pytest
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, Upper
from rest_framework.test import APIClient

from core.publishing.status import Status
from directory.models import Organization, Person, Position, Topic
from events.models import Event, EventSeries, Participation
from reports.models import (
    DocumentSymbol,
    Recommendation,
    RecommendationUpdate,
    Report,
    ReportDocument,
)
from tests.routes import QUERIES, fill, parameters_for, routes

pytestmark = pytest.mark.django_db

MARKER = "Zq9LeakMarker"


def marked():
    """The marker and the row's id: unique, for the columns that must be."""
    return Concat(Value(MARKER), Cast("pk", CharField()))


# The API's plural of each kind with pages of its own, for its detail answers.
API_PLURALS = {
    Report: "reports",
    Event: "events",
    Organization: "organizations",
    Person: "people",
    Topic: "topics",
}


def hide_series():
    EventSeries.objects.update(status=Status.DRAFT, publish_at=None, name=marked())


def hide_organizations_with_children():
    parents = Organization.objects.filter(children__isnull=False).distinct()
    assert parents.exists()
    parents.update(status=Status.DRAFT, publish_at=None, name=marked(), acronym=marked())


def hide_people():
    people = Person.objects.filter(participations__isnull=False).distinct()
    assert people.exists()
    Participation.objects.filter(person__in=people).update(title=MARKER)
    Position.objects.filter(person__in=people).update(title=MARKER)
    people.update(status=Status.DRAFT, publish_at=None, name=marked(), sort_name=marked())


def hide_topics():
    Topic.objects.update(status=Status.DRAFT, publish_at=None, name=marked())


def hide_reports():
    reports = Report.objects.filter(events__isnull=False).distinct()
    assert reports.exists()
    Recommendation.objects.filter(report__in=reports).update(title=MARKER, text=MARKER)
    DocumentSymbol.objects.filter(report__in=reports).update(
        symbol=Concat(Value("A/"), Upper(marked()))
    )
    ReportDocument.objects.filter(report__in=reports).update(
        source_url=f"https://example.org/{MARKER}.pdf"
    )
    reports.update(status=Status.DRAFT, publish_at=None, title=marked(), subtitle=MARKER)


def hide_updates():
    assert RecommendationUpdate.objects.exists()
    RecommendationUpdate.objects.update(status=Status.DRAFT, publish_at=None, summary=MARKER)


def hide_events():
    events = Event.objects.filter(participations__isnull=False).distinct()
    events.update(status=Status.DRAFT, publish_at=None, title=marked())


HIDE = {
    "event series": hide_series,
    "parent organizations": hide_organizations_with_children,
    "people with their participations and positions": hide_people,
    "topics": hide_topics,
    "reports with their recommendations, symbols and documents": hide_reports,
    "implementation updates": hide_updates,
    "events": hide_events,
}


def read(visitor, url) -> tuple[int, str]:
    response = visitor.get(url)
    body = response.content if not response.streaming else b"".join(response.streaming_content)
    return response.status_code, body.decode(errors="replace")


def addresses():
    """Every public route (demo parameters), every published object's page and API
    item, and every API list in full and as CSV."""
    public = {
        "recommendations": Recommendation.objects.published().values_list("pk", flat=True).first(),
        "participations": Participation.objects.published().values_list("pk", flat=True).first(),
    }
    for route, name in routes():
        if name == "preview":
            continue
        try:
            url = fill(route, parameters_for(route, public)) + QUERIES.get(name, "")
        except AssertionError:  # a parameter with nothing published left to name
            continue
        if name in {"search", "api:search"} or url.endswith("/search/"):
            continue  # asked below, with a query
        yield url
        if url.startswith("/api/v1/") and url.count("/") == 4 and "search" not in url:
            yield f"{url}?limit=1000"
            if name != "changes":  # a feed to follow, not a list to export
                yield f"{url}?limit=1000&format=csv"
    for model, plural in API_PLURALS.items():
        for obj in model.objects.published():
            yield obj.get_absolute_url()
            yield f"/api/v1/{plural}/{obj.slug}/"
    for recommendation in Recommendation.objects.published().select_related("report"):
        yield recommendation.get_absolute_url()
    yield "/search/?q=peace"
    yield "/api/v1/search/?q=peace"


@pytest.mark.parametrize("kind", list(HIDE))
def test_an_unpublished_related_thing_shows_nowhere(client, demo, kind, reliability, settings):
    settings.API_ANONYMOUS_RATE = 100_000  # this walk is one reader, not a flood
    HIDE[kind]()
    api = APIClient(HTTP_HOST="localhost")
    leaks, read_count = [], 0
    for url in addresses():
        status, text = read(api if url.startswith("/api/") else client, url)
        assert status in {200, 404}, (url, status)
        read_count += 1
        if MARKER.lower() in text.lower():
            leaks.append(url)
    assert leaks == [], leaks
    assert read_count >= 60
    reliability(
        "No leaks through relations",
        **{kind: f"{read_count} addresses read, marker found on none"},
    )
