"""bench/estimates.py: the error it reports for a facet is the distance between each
count a list page shows and the true count of that facet's base, and it says how the
page estimated it."""

import statistics
from collections import Counter

import pytest

from bench.estimates import facet_errors, page_filterset
from core import search
from reports.models import Report
from tests.facet_reference import peace_reports_in_finland

pytestmark = pytest.mark.django_db

PAGE = "/reports/?q=peace&topic=mandates&member_state=FIN"


@pytest.fixture
def reports():
    peace_reports_in_finland()


def test_exact_counts_are_reported_exact_and_without_error(reports):
    errors = facet_errors(page_filterset(PAGE))
    assert {error.facet for error in errors} >= {"topic", "member_state", "year"}
    for error in errors:
        assert error.how == "exact"
        assert (error.mean, error.worst, error.phantoms) == (0.0, 0.0, 0)
    topic = next(error for error in errors if error.facet == "topic")
    assert topic.compared == 3  # mandates, elections, protection


def test_a_sampled_facet_reports_the_distance_of_its_counts_from_the_true_ones(
    reports, monkeypatch
):
    monkeypatch.setattr(search, "EXACT_LIMIT", 5)
    monkeypatch.setattr(search, "CANDIDATES", 10)
    monkeypatch.setattr(search, "SAMPLE_ROWS", 5)
    filterset = page_filterset(PAGE)
    errors = {error.facet: error for error in facet_errors(filterset)}
    # Both ticked facets are counted from sample buckets of their bases (the topic's:
    # peace in Finland's reports); the untouched year, from the page's newest rows.
    assert errors["topic"].how == errors["member_state"].how == "sample"
    assert errors["year"].how == "newest rows"

    # What the page shows; the truth, counted here.
    page = {facet["name"]: facet for facet in page_filterset(PAGE).results().facets}
    shown = {value["value"]: value["count"] for value in page["topic"]["values"]}
    finland = Report.objects.filter(member_states__iso3="FIN").prefetch_related("topics")
    true = Counter(topic.slug for report in finland for topic in report.topics.all())
    assert set(shown) == set(true)
    distances = [abs(shown[slug] - true[slug]) / true[slug] for slug in shown]
    topic = errors["topic"]
    assert topic.compared == len(shown)
    assert topic.mean == pytest.approx(statistics.mean(distances))
    assert topic.worst == pytest.approx(max(distances))
    assert topic.phantoms == 0
