"""Every public page and feed fetches what it shows in a constant number of queries:
the same with 1 item as with 50, and no more than its pin."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from operations.models import Operation
from reports.models import RecommendationLink, ReportRelation
from tests.factories import (
    ContributionFactory,
    DocumentSymbolFactory,
    EventFactory,
    LeaderFactory,
    MandateFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PositionFactory,
    RecommendationFactory,
    RecommendationUpdateFactory,
    ReportDocumentFactory,
    ReportFactory,
    TopicFactory,
    member_state,
)

pytestmark = pytest.mark.django_db


def build_world(n: int) -> None:
    """n of everything, all linked to one topic, one state, one organization, one person."""
    topic = TopicFactory(slug="big-topic", name="Peacekeeping capabilities")
    finland = member_state("FIN")
    organization = OrganizationFactory(slug="big-org", name="Peacekeeping institute")
    person = PersonFactory(slug="big-person", name="Peacekeeping Person")
    PositionFactory(person=person, organization=organization)
    big_report = ReportFactory(slug="big-report", title="Peacekeeping big report")
    big_event = EventFactory(slug="big-event", title="Peacekeeping big event")
    big_event.topics.add(topic)
    minusma = Operation.objects.get(slug="minusma")
    previous = previous_recommendation = None
    for i in range(n):
        # The operation's mandate history, leaders, monthly figures and the reports,
        # recommendations and events that concern it grow too.
        MandateFactory(operation=minusma, adopted_on=datetime.date(2013, 5, 1)).tasks.add(topic)
        LeaderFactory(operation=minusma, person=person if i == 0 else PersonFactory())
        month = datetime.date(2014 + i // 12, i % 12 + 1, 1)
        ContributionFactory(operation=minusma, member_state=finland, month=month, total=10 + i)
        ContributionFactory(
            operation=minusma,
            member_state=member_state(["SWE", "NOR"][i % 2]),
            month=month,
            personnel_type="individual_police",
            women=3,
            men=4,
            total=7,
        )
        report = ReportFactory(
            title=f"Peacekeeping report {i}",
            published_on=datetime.date(2015, 1, 1) + datetime.timedelta(days=i),
        )
        DocumentSymbolFactory(report=report, symbol=f"A/80/{i}")
        DocumentSymbolFactory(report=report, symbol=f"S/2030/{i}")
        ReportDocumentFactory(report=report)
        report.authors.add(organization)
        report.topics.add(topic)
        report.member_states.add(finland)
        report.events.add(big_event)
        if previous:
            ReportRelation.objects.create(source=report, target=previous, kind="follows_up")
        ReportRelation.objects.create(source=report, target=big_report, kind="responds_to")
        previous = report
        recommendation = RecommendationFactory(report=big_report, label=f"R{i}")
        recommendation.topics.add(topic)
        recommendation.operations.add(minusma)
        report.operations.add(minusma)
        recommendation.responsible_organizations.add(organization)
        recommendation.responsible_member_states.add(finland)
        recommendation.events.add(big_event)
        recommendation.cited_by.add(report)
        if previous_recommendation:
            RecommendationLink.objects.create(
                source=recommendation, target=previous_recommendation, kind="responds_to"
            )
        previous_recommendation = recommendation
        RecommendationUpdateFactory(recommendation=recommendation, source_report=report)
        RecommendationUpdateFactory(recommendation=recommendation, dated=datetime.date(2016, 1, 1))
        event = EventFactory(
            title=f"Peacekeeping event {i}",
            starts_on=datetime.date(2015, 1, 1) + datetime.timedelta(days=i),
        )
        event.topics.add(topic)
        event.operations.add(minusma)
        ParticipationFactory(
            event=event, person=person, member_state=finland, organization=organization
        )
        ParticipationFactory(
            event=big_event,
            person=PersonFactory(),
            member_state=member_state(["FIN", "SWE", "NOR"][i % 3]),
        )
    big_report.events.add(big_event)


# url: the most queries it may make (session and user lookups are not made for
# anonymous visitors; each number is measured, then pinned). Report lists include one
# EXPLAIN that decides between exact and estimated counts (core/search.py).
PAGES = {
    "/": 4,
    # The facets count the rows the page fetched (Report.facet_keys): no query each.
    "/reports/": 4,
    "/reports/?q=peacekeeping": 4,
    "/reports/?topic=big-topic&member_state=FIN&sort=oldest": 10,  # + a base per active facet
    "/reports/big-report/": 13,  # + its corrections, as on every page of an item
    # The estimate, the candidates with their facet keys, the keys' names, upcoming
    # and past: the facets count the fetched rows (Event.facet_keys).
    "/events/": 5,
    "/events/?q=peacekeeping": 4,  # a search lists no upcoming events apart
    "/events/big-event/": 5,
    # + the person's and the organization's lookups, which the form validates.
    "/events/?person=big-person&organization=big-org": 7,
    "/member-states/": 1,
    # The 71 that ship: the rows with their hosts, the facets counted on the side (by
    # host, region, mandate task and topic, a query each), and the timeline of them all.
    "/operations/": 12,
    # + the host's lookup, which the form checks, and a facet base per active facet.
    "/operations/?host=HTI&decade=1990": 14,
    # + its mandates, their tasks, its leaders, its figures (the months' totals and the
    # latest month by contributor), and the reports, recommendations and events that
    # concern it.
    "/operations/minusma/": 13,
    # State, events per year, hosted, attended, reports, operations hosted, fixes, and
    # the contributions: the months' totals and the latest month by operation.
    "/member-states/finland/": 9,
    # + what the record holds (events, first and last year) and the operations led.
    "/people/big-person/": 6,
    "/organizations/big-org/": 6,
    "/topics/big-topic/": 6,
    # Reports and events: an estimate, a list, at most a count; recommendations, the
    # operations and the four directory groups one query each, their counts a window
    # beside their rows.
    "/search/?q=peacekeeping": 12,
    "/feeds/reports/": 2,
    "/feeds/events/": 1,
    "/feeds/topics/big-topic/": 3,
    "/feeds/member-states/finland/": 3,
    "/feeds/operations/minusma/": 3,
    "/feeds/search/?q=peacekeeping": 2,
    "/sitemap.xml": 16,  # per section: its number of pages and its latest change
    "/sitemap-reports.xml": 2,  # the number of pages, the page
    # The trackers: + the one query of the charts, and one a facet (the operation facet
    # is counted on its link table, as topics are).
    "/recommendations/": 12,
    "/recommendations/?topic=big-topic&status=in_progress&sort=updated": 15,
    "/reports/big-report/tracker/": 13,
    "/reports/big-report/recommendations/r0/": 12,  # + its operations
    "/topics/big-topic/recommendations/": 13,
    "/member-states/finland/recommendations/": 14,
    "/feeds/reports/big-report/tracker/": 2,
    "/feeds/reports/big-report/recommendations/r0/": 2,
    "/feeds/topics/big-topic/recommendations/": 2,
}


def warm_content_types():
    """Each process reads an item's content type once (for its corrections), then from
    its cache: counted here before any page, so that no page pays for it."""
    from django.contrib.contenttypes.models import ContentType

    from directory.models import correctable_models

    ContentType.objects.get_for_models(*correctable_models())


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


# One world per size, every page measured in it: building a world of 50 takes seconds,
# and building it again for each of thirty pages was most of the suite's time.
# Every page over its pin is named in the failure.
@pytest.mark.parametrize("size", [1, 50], ids=["1-item", "50-items"])
def test_queries_are_pinned(anonymous, db, size, no_page_cache):
    build_world(size)
    warm_content_types()
    counts = {url: count_queries(anonymous, url) for url in PAGES}
    assert {url: n for url, n in counts.items() if n > PAGES[url]} == {}


# /search/ skips the reports' or events' count query while the group has fewer than 5
# hits, so it varies below its pin as content grows; every other page must not move.
def test_queries_do_not_grow_with_content(anonymous, db):
    urls = [url for url in PAGES if not url.startswith("/search/")]
    build_world(1)
    warm_content_types()
    small = {url: count_queries(anonymous, url) for url in urls}
    build_more = 49
    topic_reports = [ReportFactory(title=f"More peacekeeping {i}") for i in range(build_more)]
    for report in topic_reports:
        report.topics.add(TopicFactory._meta.model.objects.get(slug="big-topic"))
        DocumentSymbolFactory(report=report)
        report.member_states.add(member_state("FIN"))
    large = {url: count_queries(anonymous, url) for url in urls}
    assert {url: (small[url], n) for url, n in large.items() if n != small[url]} == {}
