"""The recommendation tracker: permalinks, the current status, typed links both ways,
facets, the charts' numbers, feeds, the API, and nothing unpublished anywhere."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from core.publishing import workflow
from core.publishing.status import Status
from peaceplatform import demo_content
from reports.models import Recommendation, RecommendationUpdate, label_slug
from tests.api.conftest import problems
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    RecommendationFactory,
    RecommendationLinkFactory,
    RecommendationUpdateFactory,
    ReportFactory,
    TopicFactory,
    member_state,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def update(recommendation, implementation, dated, **fields):
    return RecommendationUpdateFactory(
        recommendation=recommendation,
        implementation_status=implementation,
        dated=dated if isinstance(dated, datetime.date) else datetime.date.fromisoformat(dated),
        **fields,
    )


def chart(html: str) -> dict[str, int]:
    """The share chart's numbers, read from the SVG's labelled shapes."""
    svg = re.search(r'<svg class="status-chart".*?</svg>', html, re.S).group(0)
    return {
        status: int(count)
        for status, count in re.findall(r'data-status="(\w+)" data-count="(\d+)"', svg)
    }


def year_chart(html: str) -> dict[int, dict[str, int]]:
    svg = re.search(r'<svg class="years-chart".*?</svg>', html, re.S)
    if svg is None:
        return {}
    years = {}
    for year, body in re.findall(r'<g data-year="(\d+)">(.*?)</g>', svg.group(0), re.S):
        years[int(year)] = {
            status: int(count)
            for status, count in re.findall(r'data-status="(\w+)" data-count="(\d+)"', body)
        }
    return years


def feed_entries(response) -> list[str]:
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


# -- Permalinks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "slug"),
    [("1", "1"), ("para. 45", "para-45"), ("III.B.2", "iii-b-2"), ("Shift 3", "shift-3")],
)
def test_a_recommendation_is_addressed_by_its_label(label, slug):
    assert label_slug(label) == slug
    recommendation = RecommendationFactory(label=label)
    assert recommendation.slug == slug
    assert recommendation.get_absolute_url() == (
        f"/reports/{recommendation.report.slug}/recommendations/{slug}/"
    )


def test_permalinks_survive_renaming_the_report_and_the_label(anonymous):
    report = ReportFactory(slug="panel-report", title="Old title")
    recommendation = RecommendationFactory(report=report, label="para. 45", title="Act")
    permalink = "/reports/panel-report/recommendations/para-45/"
    assert anonymous.get(permalink).status_code == 200

    report.title = "A new title"
    report.save()
    recommendation.label = "para. 46"  # renumbered: the address stays
    recommendation.save()
    response = anonymous.get(permalink)
    assert response.status_code == 200
    assert "A new title" in response.content.decode()

    # A new report slug: the old addresses answer with a permanent redirect.
    report.slug = "panel-report-2015"
    report.save()
    moved = anonymous.get(permalink)
    assert moved.status_code == 301
    assert moved["Location"] == "/reports/panel-report-2015/recommendations/para-45/"
    assert anonymous.get("/reports/panel-report/").status_code == 301
    assert anonymous.get("/reports/panel-report/")["Location"] == "/reports/panel-report-2015/"
    assert anonymous.get("/reports/panel-report/tracker/").status_code == 301
    assert anonymous.get(moved["Location"]).status_code == 200


def test_an_old_slug_of_an_unpublished_report_does_not_redirect(anonymous):
    report = ReportFactory(slug="was-public")
    RecommendationFactory(report=report, label="1")
    report.slug = "now-draft"
    report.status = Status.DRAFT
    report.save()
    assert anonymous.get("/reports/was-public/").status_code == 404
    assert anonymous.get("/reports/was-public/recommendations/1/").status_code == 404


def test_the_report_page_anchors_each_recommendation_and_links_its_permalink(anonymous):
    recommendation = RecommendationFactory(label="III.B.2")
    html = anonymous.get(recommendation.report.get_absolute_url()).content.decode()
    assert 'id="recommendation-iii-b-2"' in html
    assert f'href="{recommendation.get_absolute_url()}"' in html


def test_two_labels_with_one_address_are_refused_clearly():
    report = ReportFactory()
    RecommendationFactory(report=report, label="para. 45")
    twin = Recommendation(report=report, label="para 45", title="Twin", text="x")
    with pytest.raises(ValidationError, match="has this address; change the slug"):
        twin.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_unknown_recommendation_is_404(anonymous):
    report = ReportFactory(slug="r")
    assert anonymous.get("/reports/r/recommendations/nope/").status_code == 404
    assert anonymous.get(f"/reports/{report.slug}x/recommendations/nope/").status_code == 404


# -- The current status ------------------------------------------------------------------


def test_the_current_status_is_the_latest_dated_public_update(anonymous):
    recommendation = RecommendationFactory()
    update(recommendation, "implemented", "2019-05-01")
    update(recommendation, "in_progress", "2016-01-01")  # entered later, dated earlier
    update(recommendation, "partial", "2018-01-01")
    # Later-dated entries that are not public do not count.
    update(recommendation, "superseded", "2024-01-01", status=Status.DRAFT, publish_at=None)
    update(
        recommendation,
        "no_longer_relevant",
        "2025-01-01",
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )

    annotated = Recommendation.objects.with_current_status().get()
    assert (annotated.current_status, str(annotated.current_status_on)) == (
        "implemented",
        "2019-05-01",
    )
    html = anonymous.get(recommendation.get_absolute_url()).content.decode()
    assert "Implemented</span> since <time" in html
    assert "Superseded" not in html
    assert "No longer relevant" not in html
    item = APIClient(HTTP_HOST="localhost").get(f"/api/v1/recommendations/{recommendation.pk}/")
    body = item.json()
    assert body["current_status"] == "implemented"
    assert [u["status"] for u in body["updates"]] == ["implemented", "partial", "in_progress"]


def test_without_updates_a_recommendation_reads_not_started(anonymous):
    recommendation = RecommendationFactory()
    html = anonymous.get(recommendation.get_absolute_url()).content.decode()
    assert "Not started" in html
    assert "no implementation update recorded yet" in html


def test_an_update_goes_public_through_the_workflow(anonymous, make_staff):
    recommendation = RecommendationFactory()
    draft = update(
        recommendation, "implemented", "2020-01-01", status=Status.DRAFT, publish_at=None
    )
    editor, publisher = make_staff("Editor"), make_staff("Publisher")
    with pytest.raises(workflow.PermissionDenied):
        workflow.apply(workflow.TRANSITIONS["publish"], RecommendationUpdate.objects.all(), editor)
    assert "Implemented" not in anonymous.get(recommendation.get_absolute_url()).content.decode()
    workflow.apply(workflow.TRANSITIONS["publish"], RecommendationUpdate.objects.all(), publisher)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert "Implemented" in anonymous.get(recommendation.get_absolute_url()).content.decode()


def test_an_editor_drafts_an_update_on_a_published_report(signed_in):
    recommendation = RecommendationFactory()  # its report is published
    client = signed_in("Editor")
    response = client.post(
        "/admin/reports/recommendationupdate/add/",
        {
            "recommendation": recommendation.pk,
            "dated": "2021-06-01",
            "implementation_status": "partial",
            "summary": "Half done.",
            "source_url": "https://example.org/source",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = RecommendationUpdate.objects.get()
    assert (created.status, created.implementation_status) == (Status.DRAFT, "partial")
    # A missing source is refused with the reason, and nothing is written.
    refused = client.post(
        "/admin/reports/recommendationupdate/add/",
        {
            "recommendation": recommendation.pk,
            "dated": "2021-07-01",
            "implementation_status": "partial",
            "summary": "No source.",
        },
    )
    assert refused.status_code == 200
    assert "Give a source: a report, an event or a link." in refused.content.decode()
    assert RecommendationUpdate.objects.count() == 1


# -- Links both ways ---------------------------------------------------------------------


def test_typed_links_show_both_ways(anonymous):
    panel = RecommendationFactory(title="Protect civilians", report=ReportFactory(title="Panel"))
    answer = RecommendationFactory(title="We will protect", report=ReportFactory(title="SG"))
    RecommendationLinkFactory(source=answer, target=panel, kind="responds_to")
    RecommendationLinkFactory(source=answer, target=panel, kind="reaffirms")
    event = EventFactory(title="The dialogue")
    panel.events.add(event)
    citing = ReportFactory(title="A study citing it")
    panel.cited_by.add(citing)

    answer_page = anonymous.get(answer.get_absolute_url()).content.decode()
    assert "<strong>responds to</strong>" in answer_page
    assert "<strong>reaffirms</strong>" in answer_page
    assert f'href="{panel.get_absolute_url()}"' in answer_page
    panel_page = anonymous.get(panel.get_absolute_url()).content.decode()
    assert "<strong>responded to by</strong>" in panel_page
    assert "<strong>reaffirmed by</strong>" in panel_page
    assert f'href="{answer.get_absolute_url()}"' in panel_page
    assert "Discussed at</strong> <a" in panel_page
    assert "The dialogue" in panel_page
    assert "Cited by</strong> <a" in panel_page
    assert "A study citing it" in panel_page

    api = APIClient(HTTP_HOST="localhost")
    links = api.get(f"/api/v1/recommendations/{panel.pk}/").json()["links"]
    summary = {(link["relation"], link["direction"]) for link in links}
    assert summary == {
        ("responds_to", "incoming"),
        ("reaffirms", "incoming"),
        ("discussed_at", "outgoing"),
        ("cited_by", "incoming"),
    }
    incoming = next(link for link in links if link["relation"] == "responds_to")
    assert incoming["label"] == "responded to by"
    assert incoming["recommendation"]["id"] == answer.pk
    assert incoming["recommendation"]["html_url"].endswith(answer.get_absolute_url())
    outgoing = api.get(f"/api/v1/recommendations/{answer.pk}/").json()["links"]
    assert {(link["relation"], link["direction"]) for link in outgoing} == {
        ("responds_to", "outgoing"),
        ("reaffirms", "outgoing"),
    }


def test_a_recommendation_cannot_link_to_itself():
    recommendation = RecommendationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendationLinkFactory(source=recommendation, target=recommendation)


# -- Lists, facets, charts ------------------------------------------------------------------


@pytest.fixture
def tracked():
    """Two reports, five recommendations, statuses across the years."""
    poc, mediation = TopicFactory(slug="poc", name="PoC"), TopicFactory(slug="med", name="Med")
    council = OrganizationFactory(slug="council", name="Council")
    panel = ReportFactory(slug="panel", title="Panel report")
    other = ReportFactory(slug="other", title="Other report")
    recs = {}
    for label, report, topics in [
        ("1", panel, [poc]),
        ("2", panel, [poc, mediation]),
        ("3", panel, [mediation]),
        ("4", panel, []),
        ("9", other, [poc]),
    ]:
        recs[label] = RecommendationFactory(report=report, label=label, title=f"Rec {label}")
        recs[label].topics.set(topics)
    recs["1"].responsible_organizations.add(council)
    recs["2"].responsible_member_states.add(member_state("RWA"))
    update(recs["1"], "in_progress", "2016-03-01")
    update(recs["1"], "implemented", "2018-06-01")
    update(recs["2"], "partial", "2017-01-01")
    update(recs["3"], "in_progress", "2018-02-01")
    update(recs["9"], "implemented", "2016-01-01")
    return recs


def facet(response, name) -> dict[str, int]:
    for f in response.context["facets"]:
        if f["name"] == name:
            return {v["value"]: v["count"] for v in f["values"]}
    return {}


def test_the_report_tracker_charts_the_status_now_and_year_by_year(anonymous, tracked):
    response = anonymous.get("/reports/panel/tracker/")
    assert response.status_code == 200
    html = response.content.decode()
    assert chart(html) == {"not_started": 1, "in_progress": 1, "partial": 1, "implemented": 1}
    # Status at each year's end, every recommendation counted every year.
    assert year_chart(html) == {
        2016: {"not_started": 3, "in_progress": 1},
        2017: {"not_started": 2, "in_progress": 1, "partial": 1},
        2018: {"in_progress": 1, "partial": 1, "implemented": 1, "not_started": 1},
    }
    assert [r.label for r in response.context["recommendations"]] == ["1", "2", "3", "4"]
    # The report's own facet is not offered on its tracker.
    assert "report" not in {f["name"] for f in response.context["facets"]}


@pytest.mark.parametrize("sort", ["report", "updated"])
def test_tracker_pages_past_the_first_are_slices_of_the_whole_list(anonymous, db, sort):
    """Later pages look their ids up first (IdsFirstPaginator): the same
    recommendations in the same order, each with its own current status."""
    report = ReportFactory(slug="long")
    for n in range(45):
        recommendation = RecommendationFactory(report=report, label=str(n), order=n)
        if n % 3:
            update(recommendation, ["in_progress", "implemented"][n % 2], f"20{10 + n % 9}-01-01")
    pages = [
        anonymous.get("/reports/long/tracker/", {"sort": sort, "page": str(number)}).context[
            "recommendations"
        ]
        for number in (1, 2, 3)
    ]
    seen = [(r.label, r.current_status) for page in pages for r in page]
    whole = anonymous.get("/reports/long/tracker/", {"sort": sort}).context["filterset"].qs
    assert [len(page) for page in pages] == [20, 20, 5]
    assert seen == [(r.label, r.current_status) for r in whole]
    assert {status for _, status in seen} >= {"in_progress", "implemented", None}


def test_filters_narrow_the_chart_and_the_facets_count_with_the_other_filters(anonymous, tracked):
    response = anonymous.get("/reports/panel/tracker/", {"topic": "poc"})
    assert [r.label for r in response.context["recommendations"]] == ["1", "2"]
    assert chart(response.content.decode()) == {"partial": 1, "implemented": 1}
    assert facet(response, "status") == {"partial": 1, "implemented": 1}
    # The topic facet counts as if no topic were chosen, so choices stay visible.
    assert facet(response, "topic") == {"poc": 2, "med": 2}

    everything = anonymous.get("/recommendations/")
    assert everything.context["results"].total == 5
    assert facet(everything, "status") == {
        "not_started": 1,
        "in_progress": 1,
        "partial": 1,
        "implemented": 2,
    }
    assert facet(everything, "report") == {"panel": 4, "other": 1}
    assert facet(everything, "year") == {"2018": 2, "2017": 1, "2016": 1}
    assert facet(everything, "organization") == {"council": 1}
    assert facet(everything, "member_state") == {"RWA": 1}

    implemented = anonymous.get("/recommendations/", {"status": "implemented", "topic": "poc"})
    assert sorted(r.label for r in implemented.context["recommendations"]) == ["1", "9"]
    assert facet(implemented, "report") == {"panel": 1, "other": 1}
    not_started = anonymous.get("/recommendations/", {"status": "not_started"})
    assert [r.label for r in not_started.context["recommendations"]] == ["4"]
    by_year = anonymous.get("/recommendations/", {"year": "2016"})
    assert [r.label for r in by_year.context["recommendations"]] == ["9"]
    latest_first = anonymous.get("/recommendations/", {"sort": "updated"})
    assert [r.label for r in latest_first.context["recommendations"]][:2] == ["1", "3"]


def test_a_long_tracker_counts_its_facets_exactly(anonymous, monkeypatch, db):
    from django.db import connection

    from core import search

    # Limits lowered so that 12 recommendations make a broad list (core/search.py).
    monkeypatch.setattr(search, "EXACT_LIMIT", 5)
    monkeypatch.setattr(search, "CANDIDATES", 3)
    report = ReportFactory(slug="long")
    for n in range(12):
        recommendation = RecommendationFactory(report=report, label=str(n + 1))
        update(
            recommendation, "implemented" if n % 3 == 0 else "in_progress", f"{2010 + n % 4}-06-01"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    response = anonymous.get("/recommendations/")
    # Scaled up from the three most recently changed, every count leaned to whatever
    # those three held; counted, they are the tracker's own.
    assert facet(response, "year") == {"2010": 3, "2011": 3, "2012": 3, "2013": 3}
    assert facet(response, "status") == {"implemented": 4, "in_progress": 8}
    assert not any(f["approximate"] for f in response.context["facets"])


def test_full_text_search_in_the_tracker(anonymous, tracked):
    tracked["3"].text = "Strengthen mediation capacity across regions"
    tracked["3"].save()
    response = anonymous.get("/recommendations/", {"q": "mediation"})
    assert [r.label for r in response.context["recommendations"]] == ["3"]


def test_topic_and_member_state_trackers(anonymous, tracked):
    topic = anonymous.get("/topics/poc/recommendations/")
    assert sorted(r.label for r in topic.context["recommendations"]) == ["1", "2", "9"]
    assert chart(topic.content.decode()) == {"partial": 1, "implemented": 2}

    event = EventFactory(title="Kigali meeting")
    tracked["2"].events.add(event)
    ParticipationFactory(event=event, person=None, member_state=member_state("RWA"))
    elsewhere = EventFactory(title="A meeting Rwanda missed")
    tracked["2"].events.add(elsewhere)
    state = anonymous.get("/member-states/rwanda/recommendations/")
    assert [r.label for r in state.context["recommendations"]] == ["2"]
    html = state.content.decode()
    assert "Kigali meeting" in html
    assert "A meeting Rwanda missed" not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        # A filter's error is named by the label its form shows.
        ({"status": "done"}, "Current status: Select a valid choice"),
        ({"year": "abc"}, "Year of the latest status change: Select a valid choice"),
        ({"topic": "no-such-topic"}, "Topic: Select a valid choice"),
        ({"sort": "random"}, "Sort by: Select a valid choice"),
        ({"page": "x"}, "page must be a whole number"),
        ({"page": "0"}, "page must be between 1 and 1"),
        ({"q": "peace\x00"}, "NUL"),
    ],
)
def test_bad_tracker_parameters_get_a_400_that_says_what_to_fix(
    anonymous, tracked, params, message
):
    for url in ["/recommendations/", "/reports/panel/tracker/"]:
        response = anonymous.get(url, params)
        assert response.status_code == 400, url
        assert message in response.content.decode(), url


def test_empty_tracker_says_so(anonymous):
    ReportFactory(slug="no-recs")
    html = anonymous.get("/reports/no-recs/tracker/").content.decode()
    assert "No recommendation matches" in html
    assert "status-chart" not in html


# -- Feeds ---------------------------------------------------------------------------------


def test_feeds_announce_public_status_changes_newest_first(anonymous, tracked):
    earlier = timezone.now() - datetime.timedelta(days=3)
    RecommendationUpdate.objects.update(publish_at=earlier)
    newest = update(tracked["4"], "in_progress", "2020-01-01")
    update(tracked["4"], "implemented", "2021-01-01", status=Status.DRAFT, publish_at=None)

    report_feed = anonymous.get("/feeds/reports/panel/tracker/")
    assert report_feed["Content-Type"].startswith("application/atom+xml")
    titles = feed_entries(report_feed)
    assert titles[0] == "Panel report, 4: In progress (1 January 2020)"
    assert len(titles) == 5  # the panel's five public updates; not the draft, not "other"
    assert all("Implemented (1 January 2021)" not in t for t in titles)
    root = ET.fromstring(report_feed.content)
    link = root.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.endswith(f"{tracked['4'].get_absolute_url()}#update-{newest.pk}")

    # Published at the same moment: the one entered last comes first.
    assert feed_entries(anonymous.get("/feeds/reports/panel/recommendations/1/")) == [
        "Panel report, 1: Implemented (1 June 2018)",
        "Panel report, 1: In progress (1 March 2016)",
    ]
    topic = feed_entries(anonymous.get("/feeds/topics/poc/recommendations/"))
    assert len(topic) == 4  # recommendations 1 (two updates), 2 and 9
    assert anonymous.get("/feeds/reports/panel/recommendations/nope/").status_code == 404


# -- Nothing unpublished ---------------------------------------------------------------------


def test_unpublished_reports_recommendations_and_updates_stay_hidden(anonymous, tracked):
    draft_report = ReportFactory(slug="draft", status=Status.DRAFT, title="Secret report")
    hidden = RecommendationFactory(report=draft_report, label="S", title="Secret recommendation")
    hidden.topics.add(tracked["1"].topics.first())
    RecommendationLinkFactory(source=hidden, target=tracked["1"], kind="reaffirms")
    tracked["1"].cited_by.add(draft_report)
    draft_topic = TopicFactory(slug="secret-topic", name="Secret topic", status=Status.DRAFT)
    tracked["1"].topics.add(draft_topic)
    draft_body = OrganizationFactory(slug="secret-body", name="Secret body", status=Status.DRAFT)
    tracked["1"].responsible_organizations.add(draft_body)
    update(tracked["1"], "superseded", "2030-01-01", status=Status.REVIEW, publish_at=None,
           summary="Secret update")  # fmt: skip

    api = APIClient(HTTP_HOST="localhost")
    for url in [
        "/recommendations/",
        "/reports/panel/tracker/",
        tracked["1"].get_absolute_url(),
        "/topics/poc/recommendations/",
        "/feeds/reports/panel/tracker/",
        "/feeds/topics/poc/recommendations/",
        f"/feeds{tracked['1'].get_absolute_url()}",
        "/api/v1/recommendations/?facets=topic,organization,report,status",
        f"/api/v1/recommendations/{tracked['1'].pk}/",
    ]:
        response = (api if url.startswith("/api/") else anonymous).get(url)
        assert response.status_code == 200, url
        body = response.content.decode().lower()
        assert "secret" not in body, url
        assert "superseded" not in body, url  # the unpublished update's status
    assert anonymous.get("/recommendations/", {"q": "secret"}).context["results"].total == 0
    for url in [
        "/reports/draft/tracker/",
        "/reports/draft/recommendations/s/",
        "/feeds/reports/draft/tracker/",
        "/feeds/reports/draft/recommendations/s/",
        "/topics/secret-topic/recommendations/",
        "/feeds/topics/secret-topic/recommendations/",
        f"/api/v1/recommendations/{hidden.pk}/",
    ]:
        response = (api if url.startswith("/api/") else anonymous).get(url)
        assert response.status_code == 404, url
    assert (
        anonymous.get("/recommendations/", {"status": "superseded"}).context["results"].total == 0
    )


# -- API -------------------------------------------------------------------------------------


def test_api_filters_recommendations_like_the_tracker(tracked):
    api = APIClient(HTTP_HOST="localhost")

    def labels(query):
        response = api.get(f"/api/v1/recommendations/?{query}")
        assert response.status_code == 200, response.content
        return sorted(r["label"] for r in response.json()["results"])

    assert labels("report=panel") == ["1", "2", "3", "4"]
    assert labels("topic=poc&status=implemented") == ["1", "9"]
    assert labels("organization=council") == ["1"]
    assert labels("member_state=RWA") == ["2"]
    assert labels("status=not_started") == ["4"]
    assert labels("year=2017") == ["2"]
    facets = api.get("/api/v1/recommendations/?limit=0&facets=status,report").json()["facets"]
    assert {v["value"]: v["count"] for v in facets["status"]["values"]} == {
        "not_started": 1,
        "in_progress": 1,
        "partial": 1,
        "implemented": 2,
    }
    assert {v["value"]: v["count"] for v in facets["report"]["values"]} == {"panel": 4, "other": 1}
    item = api.get(f"/api/v1/recommendations/{tracked['1'].pk}/").json()
    assert item["slug"] == "1"
    assert item["html_url"] == "http://localhost/reports/panel/recommendations/1/"
    assert [o["slug"] for o in item["responsible_organizations"]] == ["council"]
    assert item["updates"][0]["published_at"]
    # The pages' `sort` is not an API parameter: the API says `ordering`.
    assert "sort" in problems(api.get("/api/v1/recommendations/?sort=updated"))
    assert "status" in problems(api.get("/api/v1/recommendations/?status=done"))


def test_api_updated_since_sees_an_update_when_it_goes_public(tracked):
    api = APIClient(HTTP_HOST="localhost")
    Recommendation.objects.update(updated_at=timezone.now() - datetime.timedelta(days=10))
    RecommendationUpdate.objects.update(
        updated_at=timezone.now() - datetime.timedelta(days=10),
        publish_at=timezone.now() - datetime.timedelta(days=10),
    )
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert api.get("/api/v1/recommendations/", {"updated_since": since}).json()["count"] == 0
    draft = update(tracked["4"], "partial", "2022-01-01", status=Status.DRAFT, publish_at=None)
    assert api.get("/api/v1/recommendations/", {"updated_since": since}).json()["count"] == 0
    RecommendationUpdate.objects.filter(pk=draft.pk).update(
        status=Status.PUBLISHED, publish_at=timezone.now()
    )
    found = api.get("/api/v1/recommendations/", {"updated_since": since}).json()
    assert [r["label"] for r in found["results"]] == ["4"]


def test_updated_since_looks_updates_up_without_joining_the_reports(tracked):
    """The recommendations filtered are public, so their reports are published: the
    changed updates are looked up in their own table. Joined to the reports again,
    PostgreSQL read all 100,000 of them when no update had changed (110 ms)."""
    api = APIClient(HTTP_HOST="localhost")
    with CaptureQueriesContext(connection) as queries:
        response = api.get("/api/v1/recommendations/", {"updated_since": "2099-01-01T00:00:00Z"})
    assert response.json()["count"] == 0
    statements = [query["sql"] for query in queries]
    assert any("2099-01-01" in sql for sql in statements)
    for sql in statements:
        assert '"reports_recommendationupdate" U0 INNER JOIN' not in sql, sql


# -- Demo content ----------------------------------------------------------------------------


def test_the_demo_links_the_secretary_generals_answers_to_the_panel(anonymous, demo):
    hippo = f"/reports/{demo_content.HIPPO_SLUG}/"
    html = anonymous.get(f"{hippo}recommendations/protection-of-civilians/").content.decode()
    assert "<strong>responded to by</strong>" in html
    assert f"/reports/{demo_content.SG_REPORT_SLUG}/recommendations/planning-and-conduct/" in html
    tracker = anonymous.get(f"{hippo}tracker/").content.decode()
    assert sum(chart(tracker).values()) == len(demo_content.RECOMMENDATIONS)
    assert len(year_chart(tracker)) >= 2


def test_the_figures_match_a_lookup_per_recommendation_and_year(db):
    import random

    from reports.tracker import progress
    from tests.tracker_reference import reference_progress

    chooser = random.Random(20151002)  # noqa: S311 - the same test data every run
    statuses = ["in_progress", "partial", "implemented", "not_started"]
    topic = TopicFactory(slug="half")
    report = ReportFactory(slug="many")
    future = timezone.now() + datetime.timedelta(days=1)
    for n in range(60):
        recommendation = RecommendationFactory(report=report, label=str(n + 1))
        if n % 2:
            recommendation.topics.add(topic)
        for _ in range(chooser.choice([0, 0, 1, 2, 3, 5])):
            # Several in one year, years skipped, ties on the date, some not public.
            dated = datetime.date(chooser.randint(2005, 2016), chooser.choice([1, 6, 12]), 1)
            extra = chooser.choice(
                [{}, {}, {}, {}, {"status": Status.DRAFT}, {"publish_at": future}]
            )
            update(recommendation, chooser.choice(statuses), dated, **extra)
    for recommendations in (
        Recommendation.objects.all(),
        Recommendation.objects.filter(topics=topic),
        Recommendation.objects.filter(label__in=["1", "3"]),
    ):
        figures = progress(recommendations)
        now, by_year = reference_progress(recommendations)
        assert {s.status: s.count for s in figures.segments} == {
            status: count for status, count in now.items() if count
        }
        assert {
            year.year: {s.status: s.count for s in year.segments} for year in figures.years
        } == by_year
    assert len(progress(Recommendation.objects.all()).years) == 12
    assert progress(Recommendation.objects.none()).total == 0


def test_facets_count_within_the_bases_ids_compiled_once(tracked):
    from django.http import QueryDict

    from core.listing.facets import compiled_ids
    from reports.filters import RecommendationFilter

    base = RecommendationFilter(
        QueryDict("status=implemented&status=not_started"), queryset=Recommendation.objects.all()
    ).qs  # with the current-status subqueries the facets' queries used to recompile
    ids = compiled_ids(base)
    within = Recommendation.objects.filter(pk__in=ids).values_list("label", flat=True)
    assert sorted(within) == sorted(base.values_list("label", flat=True)) == ["1", "4", "9"]
    assert compiled_ids(Recommendation.objects.none()) is None


def test_the_year_chart_shows_its_counts_and_describes_them(anonymous, demo, no_page_cache):
    page = anonymous.get(f"/reports/{demo_content.HIPPO_SLUG}/tracker/").content.decode()
    assert "stood at each status at the end of each year" in page
    desc = re.search(r'<desc id="years-desc">(.*?)</desc>', page)[1]
    assert re.fullmatch(r"(\d{4}: [a-z ]+ \d+(, [a-z ]+ \d+)*)(; \d{4}: .+)*", desc), desc
    # A count is written in each segment tall enough for one, and it is that segment's.
    labelled = re.findall(
        r'data-count="(\d+)"><title>[^<]*</title></rect><text class="value"[^>]*>(\d+)</text>',
        page,
    )
    assert labelled
    assert all(count == shown for count, shown in labelled)
