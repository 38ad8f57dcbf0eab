"""Every endpoint over HTTP with the real serializers: lists, details, the fields every
item carries, relations as links, and drafts nowhere."""

import pytest

from core.publishing.status import Status
from tests.api.conftest import items, slugs
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    RecommendationFactory,
    RecommendationUpdateFactory,
    ReportFactory,
    TopicFactory,
    member_state,
)

pytestmark = pytest.mark.django_db

HIPPO = "hippo-report-uniting-our-strengths-for-peace"
DINNER = "2015-uniting-our-strengths-for-peace"

LISTS = {
    "reports": "slug",
    "recommendations": "id",
    "events": "slug",
    "participations": "id",
    "member-states": "slug",
    "organizations": "slug",
    "people": "slug",
    "topics": "slug",
}


@pytest.mark.parametrize("plural", LISTS)
def test_every_list_and_its_details(api, demo, plural):
    response = api.get(f"/api/v1/{plural}/")
    results = items(response)
    body = response.json()
    assert body["count"] >= len(results) > 0
    assert set(body) >= {"count", "next", "previous", "results"}
    for item in results[:5]:
        assert item["id"]
        assert item["url"].startswith("http://localhost/api/v1/")
        assert item["created_at"]
        assert item["updated_at"]
        if LISTS[plural] == "slug":
            assert item["slug"]
            assert item["html_url"].startswith("http://localhost/")
        detail = api.get(item["url"])
        assert detail.status_code == 200
        assert detail.json() == item  # a list shows each item whole, as its detail does


def test_report_detail_carries_its_relations_as_links(api, demo):
    report = api.get(f"/api/v1/reports/{HIPPO}/").json()
    assert report["symbols"] == ["A/70/95", "S/2015/446"]
    assert report["published_on"] == "2015-06-17"
    assert report["html_url"] == f"http://localhost/reports/{HIPPO}/"
    topic = report["topics"][0]
    assert set(topic) == {"slug", "name", "language", "url", "html_url"}
    assert api.get(topic["url"]).json()["slug"] == topic["slug"]
    incoming = [r for r in report["related_reports"] if r["direction"] == "incoming"]
    assert incoming
    assert incoming[0]["label"] == "responded to by"
    assert incoming[0]["report"]["slug"] == "future-of-un-peace-operations-sg-report"
    assert report["recommendations"]
    recommendation = api.get(report["recommendations"][0]["url"]).json()
    assert recommendation["report"]["slug"] == HIPPO
    assert {"current_status", "updates"} <= set(recommendation)


def test_event_and_its_participations(api, demo):
    event = api.get(f"/api/v1/events/{DINNER}/").json()
    assert event["chatham_house_rule"] is True
    assert event["series"]["slug"] == "ipi-high-level-dialogue-on-un-peacekeeping"
    participations = api.get(event["participations_url"]).json()
    assert participations["count"] > 30
    roles = {p["role"] for p in participations["results"]}
    assert "host" in roles or "co_host" in roles
    assert all(p["event"]["slug"] == DINNER for p in participations["results"])


def test_unknown_items_answer_404_in_the_error_shape(api, demo):
    for url in ["/api/v1/reports/no-such-report/", "/api/v1/participations/999999/",
                "/api/v1/participations/abc/", "/api/v1/recommendations/0/",
                "/api/v1/no-such-endpoint/"]:  # fmt: skip
        response = api.get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"], url


def test_drafts_never_appear(api, db):
    topic = TopicFactory(slug="public-topic")
    draft_topic = TopicFactory(slug="draft-topic", status=Status.DRAFT)
    draft_org = OrganizationFactory(slug="draft-org", status=Status.DRAFT)
    draft_person = PersonFactory(slug="draft-person", status=Status.REVIEW)
    report = ReportFactory(slug="public-report")
    report.topics.add(topic, draft_topic)
    report.authors.add(draft_org)
    draft_report = ReportFactory(slug="draft-report", status=Status.DRAFT)
    draft_report.topics.add(topic)
    RecommendationFactory(report=draft_report, label="D1")
    update_source = ReportFactory(slug="archived-source", status=Status.ARCHIVED)
    recommendation = RecommendationFactory(report=report, label="P1")
    RecommendationUpdateFactory(recommendation=recommendation, source_report=update_source)
    event = EventFactory(slug="public-event")
    draft_event = EventFactory(slug="draft-event", status=Status.DRAFT)
    ParticipationFactory(event=draft_event, member_state=member_state("FIN"))
    ParticipationFactory(event=event, person=draft_person, member_state=member_state("SWE"))

    assert slugs(api.get("/api/v1/reports/")) == ["public-report"]
    assert slugs(api.get("/api/v1/reports/?topic=public-topic")) == ["public-report"]
    assert api.get("/api/v1/reports/draft-report/").status_code == 404
    shown = api.get("/api/v1/reports/public-report/").json()
    assert [t["slug"] for t in shown["topics"]] == ["public-topic"]
    assert shown["authors"] == []
    assert slugs(api.get("/api/v1/topics/")) == ["public-topic"]
    assert slugs(api.get("/api/v1/organizations/")) == []
    assert "draft-person" not in slugs(api.get("/api/v1/people/"))
    assert slugs(api.get("/api/v1/events/")) == ["public-event"]
    participations = items(api.get("/api/v1/participations/"))
    assert [p["event"]["slug"] for p in participations] == ["public-event"]
    assert participations[0]["person"] is None  # the draft person is not named
    recommendations = items(api.get("/api/v1/recommendations/"))
    assert [r["label"] for r in recommendations] == ["P1"]
    assert recommendations[0]["updates"][0]["source_report"] is None
    search = api.get("/api/v1/search/?q=Report").json()
    found = {hit["slug"] for group in search["groups"] for hit in group["results"]}
    assert "public-report" in found
    assert "draft-report" not in found
    csv_text = b"".join(api.get("/api/v1/reports/?format=csv").streaming_content).decode()
    assert "public-report" in csv_text
    assert "draft-report" not in csv_text
    assert api.get("/api/v1/reports/draft-report/citation/").status_code == 404
    # A draft authoring body is never cited, in the API or on the site.
    for url in ["/api/v1/reports/public-report/citation/?style=ris",
                "/api/v1/reports/public-report/citation/",
                "/reports/public-report/cite.ris", "/reports/public-report/cite.bib"]:  # fmt: skip
        citation = api.get(url).content.decode()
        assert draft_org.name not in citation, url
