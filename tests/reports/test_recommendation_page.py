"""A recommendation's own page."""

import re

import pytest

from tests.factories import RecommendationFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_the_permalink_names_its_report_in_a_sentence(anonymous, no_page_cache):
    report = ReportFactory(title="Uniting our strengths for peace")
    recommendation = RecommendationFactory(
        report=report, label="Protection of civilians", title="Protecting civilians"
    )
    page = anonymous.get(recommendation.get_absolute_url()).content.decode()
    meta = re.sub(r"<[^>]+>", "", re.search(r'<p class="meta">(.*?)</p>', page, re.S)[1])
    assert meta.startswith("A recommendation of Uniting our strengths for peace ·")
    assert "Recommendation Protection of civilians of" not in page
