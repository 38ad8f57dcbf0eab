"""Whose a recommendation's label is: the document's own reference, as printed, or a
label of ours (issue "Provenance and corrections", item 2). Pages and the API say which;
a label is ours unless a curator says otherwise."""

import pytest
from django.db import IntegrityError, transaction

from peaceplatform import demo_content
from reports.models import LabelSource, Recommendation
from tests.factories import RecommendationFactory, RecommendationLinkFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def labelled(db):
    report = ReportFactory(title="A report that numbers its paragraphs")
    printed = RecommendationFactory(
        report=report, label="para. 45", label_source=LabelSource.DOCUMENT, title="Printed"
    )
    ours = RecommendationFactory(report=report, label="Shift 1", title="Named by us")
    RecommendationLinkFactory(source=ours, target=printed)
    return printed, ours


def test_a_label_is_ours_unless_a_curator_says_otherwise(labelled):
    printed, ours = labelled
    assert ours.label_source == LabelSource.OURS
    assert Recommendation.objects.get(pk=ours.pk).label_is_ours
    assert not printed.label_is_ours


def test_the_database_holds_only_the_two_sources(labelled):
    printed, _ = labelled
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=printed.pk).update(label_source="theirs")


def test_the_page_says_whose_the_label_is(anonymous, labelled, no_page_cache):
    printed, ours = labelled
    page = anonymous.get(ours.get_absolute_url()).content.decode()
    assert '<h1>Shift 1 <span class="label-ours">(our label)</span>. Named by us</h1>' in page
    assert "“Shift 1” is a label of ours" in page
    assert "recommendation “Shift 1” (the platform’s label)" in page  # the citation
    page = anonymous.get(printed.get_absolute_url()).content.decode()
    assert "<h1>para. 45. Printed</h1>" in page
    assert "“para. 45” is the report’s own reference, as printed." in page
    assert "(our label)" not in page.split("<h1>")[1].split("</h1>")[0]
    # Its link to the other recommendation marks the other's label too.
    assert 'Shift 1 <span class="label-ours">(our label)</span>. Named by us</a>' in page


def test_lists_and_the_site_search_mark_labels_of_ours(anonymous, labelled, no_page_cache):
    printed, _ = labelled
    report_page = anonymous.get(printed.report.get_absolute_url()).content.decode()
    assert 'Shift 1 <span class="label-ours">(our label)</span>. Named by us' in report_page
    assert ">para. 45. Printed<" in report_page
    found = anonymous.get("/search/", {"q": "Named by us"}).content.decode()
    assert 'Shift 1 <span class="label-ours">(our label)</span> ·' in found


def test_a_label_of_ours_is_escaped(anonymous, no_page_cache):
    hostile = RecommendationFactory(label="<b>x</b>", title="Escaped")
    page = anonymous.get(hostile.get_absolute_url()).content.decode()
    assert '&lt;b&gt;x&lt;/b&gt; <span class="label-ours">(our label)</span>' in page
    assert "<b>x</b>" not in page


def test_the_api_says_whose_the_label_is(api, labelled):
    printed, ours = labelled
    detail = api.get(f"/api/v1/recommendations/{ours.pk}/").json()
    assert detail["label"] == "Shift 1"
    assert detail["label_source"] == "ours"
    printed_detail = api.get(f"/api/v1/recommendations/{printed.pk}/").json()
    assert printed_detail["label_source"] == "document"
    # The recommendation linked to it says whose its label is too.
    linked = [
        link["recommendation"] for link in printed_detail["links"] if "recommendation" in link
    ]
    assert [(other["label"], other["label_source"]) for other in linked] == [("Shift 1", "ours")]
    listed = {
        row["label"]: row["label_source"]
        for row in api.get("/api/v1/recommendations/").json()["results"]
    }
    assert listed == {"para. 45": "document", "Shift 1": "ours"}


def test_curators_choose_whose_label_it_is(curator_client, labelled):
    printed, _ = labelled
    page = curator_client.get(f"/admin/reports/recommendation/{printed.pk}/change/")
    assert page.status_code == 200
    assert 'name="label_source"' in page.content.decode()


def test_the_demos_labels_are_all_ours(demo):
    # "Shift 1", "Protection of civilians": the HIPPO report prints no such labels.
    labels = Recommendation.objects.filter(report__slug=demo_content.HIPPO_SLUG)
    assert labels.exists()
    assert set(labels.values_list("label_source", flat=True)) == {LabelSource.OURS}
