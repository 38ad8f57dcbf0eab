"""Every status an assessment with its source (issue "Provenance and corrections", item
1): the record says a status is the platform's reading, can quote the source's own
words, and links to how statuses are decided."""

import pytest

from reports.models import ImplementationStatus
from tests.factories import RecommendationUpdateFactory

pytestmark = pytest.mark.django_db


def record(page: str) -> str:
    return page.split('id="record"')[1].split("</section>")[0]


def test_a_status_reads_as_our_assessment_with_its_sources_words(anonymous, no_page_cache):
    update = RecommendationUpdateFactory(
        summary="The Assembly asked for a fuller report.",
        quote="Requests the Secretary-General to submit a comprehensive report",
        source_url="https://undocs.org/A/RES/72/199",
    )
    page = record(anonymous.get(update.recommendation.get_absolute_url()).content.decode())
    assert '<span class="assessment">our assessment</span> <strong>In progress</strong>' in page
    assert '<blockquote class="source-words" cite="https://undocs.org/A/RES/72/199">' in page
    assert "<p>Requests the Secretary-General to submit a comprehensive report</p>" in page
    assert "The source’s own words" in page
    assert 'href="/methodology/"' in page


def test_no_quote_no_blockquote_and_a_quote_is_escaped(anonymous, no_page_cache):
    plain = RecommendationUpdateFactory()
    page = record(anonymous.get(plain.recommendation.get_absolute_url()).content.decode())
    assert "<blockquote" not in page
    hostile = RecommendationUpdateFactory(quote="<script>alert(1)</script>")
    page = record(anonymous.get(hostile.recommendation.get_absolute_url()).content.decode())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page


def test_the_methodology_says_what_each_status_needs(anonymous):
    page = anonymous.get("/methodology/").content.decode()
    assert "How implementation statuses are decided" in page
    for label in ImplementationStatus.labels:
        assert f"<li><strong>{label}</strong>: " in page
    assert "our label" in page
    assert 'href="/corrections/"' in page


def test_the_tracker_links_to_the_methodology(anonymous, demo):
    page = anonymous.get("/recommendations/").content.decode()
    assert '<a href="/methodology/">how they are decided</a>' in page


def test_the_api_gives_the_sources_words(api):
    update = RecommendationUpdateFactory(quote="As printed.")
    detail = api.get(f"/api/v1/recommendations/{update.recommendation.pk}/").json()
    assert [(u["status"], u["quote"]) for u in detail["updates"]] == [
        ("in_progress", "As printed.")
    ]
    bare = RecommendationUpdateFactory()
    detail = api.get(f"/api/v1/recommendations/{bare.recommendation.pk}/").json()
    assert detail["updates"][0]["quote"] == ""


def test_curators_can_quote_the_source(curator_client):
    update = RecommendationUpdateFactory()
    page = curator_client.get(f"/admin/reports/recommendationupdate/{update.pk}/change/")
    assert page.status_code == 200
    assert 'name="quote"' in page.content.decode()
