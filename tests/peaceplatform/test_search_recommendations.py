"""The site search's recommendations group: published recommendations of published
reports, each with its label, report and current status, on the page and in the API."""

import pytest
from rest_framework.test import APIClient

from core.publishing.status import Status
from tests.factories import RecommendationFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommendations(db):
    report = ReportFactory(title="Panel report", slug="panel")
    RecommendationFactory(report=report, label="7", title="Zebrafinch observers deployed")
    hidden = ReportFactory(title="Draft report", slug="draft-report", status=Status.DRAFT)
    RecommendationFactory(report=hidden, label="1", title="Zebrafinch of a draft report")
    return report


def test_the_site_search_lists_matching_recommendations_with_their_report_and_status(
    anonymous, recommendations
):
    page = anonymous.get("/search/", {"q": "zebrafinch"}).content.decode()
    assert '<h2 id="group-recommendations">Recommendations <span class="count">(1)</span>' in page
    assert "Zebrafinch observers deployed" in page
    assert 'A recommendation of <a href="/reports/panel/">Panel report</a>' in page
    assert "Not started" in page
    assert "Zebrafinch of a draft report" not in page
    assert '<a href="/recommendations/?q=zebrafinch">Filter and sort these recommendations' in page


def test_the_api_search_has_the_recommendations_type(recommendations):
    api = APIClient(HTTP_HOST="localhost")
    body = api.get("/api/v1/search/", {"q": "zebrafinch", "types": "recommendations"}).json()
    (group,) = body["groups"]
    assert group["type"] == "recommendations"
    assert [hit["title"] for hit in group["results"]] == ["Zebrafinch observers deployed"]
    hit = group["results"][0]
    assert api.get(hit["url"]).json()["title"] == "Zebrafinch observers deployed"
    assert group["results_url"].endswith("/api/v1/recommendations/?q=zebrafinch")
